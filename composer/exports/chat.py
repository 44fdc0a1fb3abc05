"""The notice as a short chat message (WeChat, Zalo, WhatsApp)."""


def chat_text(letter):
    """A chat-channel notice is its body (with the user's edit); any other notice carries its own chat version."""
    if letter.channel == "chat":
        return "\n\n".join(block.text for block in letter.blocks)
    return letter.chat


def render_chat(letter):
    return (chat_text(letter) + "\n").encode("utf-8")
