"""The short version for WeChat, Zalo or WhatsApp."""


def render_chat(letter):
    return (letter.chat + "\n").encode("utf-8")
