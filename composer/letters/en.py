"""English notices, American or British: the printed letter, the email and the chat message.

Our own sentences are written once, in the voice of an organisation ("we") and in American spelling;
`_Writer.own` turns them into the sender's voice ("I" for an individual), contracts them for a warm or short
message and respells them for a British reader. The user's own words are never rewritten, only placed.
"""

import re
import unicodedata
from decimal import Decimal

from composer.languages import HAN

from .letter import Block, Letter
from .schedule import update_plan


def word_set(text):
    return frozenset(text.split())


MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€"}
CURRENCY_CODES = {"CNY": "RMB"}
CHAT_LIMIT = 450
LIST_FROM = 3  # milestones or instalments are listed from this many; fewer read better as sentences

# The sender's voice: our sentences are written for an organisation and turned to "I" for an individual.
SINGULAR = (
    (r"\bwe are\b", "I am"),
    (r"\bwe were\b", "I was"),
    (r"\bwe’re\b", "I’m"),
    (r"\bwe’ve\b", "I’ve"),
    (r"\bwe’ll\b", "I’ll"),
    (r"\bwe’d\b", "I’d"),
    (r"\bwe\b", "I"),
    (r"\bourselves\b", "myself"),
    (r"\bours\b", "mine"),
    (r"\bour\b", "my"),
    (r"\bus\b", "me"),
)
CONTRACTIONS = (
    ("I am", "I’m"),
    ("we are", "we’re"),
    ("you are", "you’re"),
    ("will not", "won’t"),
    ("cannot", "can’t"),
    ("do not", "don’t"),
    ("does not", "doesn’t"),
    ("did not", "didn’t"),
    ("is not", "isn’t"),
    ("are not", "aren’t"),
    ("was not", "wasn’t"),
    ("have not", "haven’t"),
    ("I will", "I’ll"),
    ("we will", "we’ll"),
    ("you will", "you’ll"),
    ("I would", "I’d"),
    ("we would", "we’d"),
    ("you would", "you’d"),
    ("that is", "that’s"),
    ("I have", "I’ve"),
    ("we have", "we’ve"),
)
BRITISH = (
    ("apologiz", "apologis"),
    ("realiz", "realis"),
    ("recogniz", "recognis"),
    ("prioritiz", "prioritis"),
    ("organiz", "organis"),
    ("installment", "instalment"),
    ("Installment", "Instalment"),
    ("toward ", "towards "),
)
# Words that begin a sentence but not a name: lower-cased when the sentence becomes a clause.
STARTERS = word_set(
    "the a an our my we this that these those their your its it one some several two three four five all every "
    "each after during because since when while last both most many there his her they he she no another part "
    "half for from in on at by with to in since starting beginning going"
)
# Common words that open a title or a milestone in sentence case ("Printed coffee bags"); any other capitalised
# first word may be a name ("Shopify store migration") and keeps its capital.
COMMON = word_set("""
    account accounts app application annual article artwork audit back bag bank bathroom beta blog board book
    booking brand brochure budget build building business cabinet campaign car card catalog catalogue chapter
    ceramic check checkout client cloud code coffee collection complete concept connector content contract copy
    cover custom customer dashboard data database deck delivery design desk digital document documents door
    draft driver electrical email engine event export extension fabric factory feature field file film final
    financial first floor font food form frame full furniture garden glass graphic ground guide hardware home
    house illustration image index infrastructure initial interior internal invoice item kitchen label landing
    launch layout lease legal licence license lighting line loan logo main manual map market master material
    menu migration mobile model module monthly new office online order package page paint paper part partial
    patient payment payroll phase photo photography pilot plan platform plumbing portal poster print product production
    profile project proposal prototype quarterly rent replacement report research retail review roof room sales
    sample second third fourth fifth one two three four five six seven eight nine ten twelve dozen hundred thousand security backyard front patio server service site software solar spare spring staff stage steel stock store
    storage study summer support survey system table tax team technical test textile third tile timber training
    translation travel user video wall warehouse web website wedding window winter wood workshop worktop year
    """)
COMMON_ENDINGS = (
    "ing",
    "ion",
    "ment",
    "ness",
    "ity",
    "ed",
    "ly",
    "al",
    "ure",
    "ance",
    "ence",
    "ship",
    "ive",
    "ous",
    "able",
    "ful",
    "ery",
    "ory",
    "ary",
    "ware",
    "work",
)
# Capitalised words that stay capitalised mid-sentence: months, days, peoples, brands and places that open titles.
PROPER = word_set(
    """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday christmas easter tet ramadan diwali thanksgiving english american
    british chinese vietnamese french german spanish italian japanese korean european asian african android apple
    amazon google microsoft windows shopify salesforce stripe xero quickbooks sage oracle adobe slack zoom hubspot
    magento wordpress wix squarespace facebook instagram linkedin tiktok youtube whatsapp wechat zalo ikea tesla
    london paris berlin madrid rome tokyo sydney melbourne toronto vancouver dublin edinburgh glasgow manchester
    birmingham leeds bristol liverpool boston chicago seattle portland austin denver dallas houston atlanta miami
    texas california florida hanoi saigon danang shanghai beijing shenzhen guangzhou hangzhou singapore bangkok
    """
)
MINOR_WORDS = word_set("a an the and or of for to in on at by with from")
DETERMINERS = word_set("the a an this that these those our your my their its his her all every each any")
# Document words that name a reference ("PO #TR-5521", "Loan no. 40-118236") and the preposition it takes.
REFERENCE_WORDS = {
    "po": "on",
    "p.o.": "on",
    "order": "on",
    "purchase": "on",
    "loan": "on",
    "account": "on",
    "invoice": "on",
    "sow": "under",
    "contract": "under",
    "agreement": "under",
    "lease": "under",
    "tenancy": "under",
    "cr": "under",
    "change": "under",
    "facility": "on",
    "estimate": "from",
    "quote": "from",
    "quotation": "from",
    "proposal": "from",
    "booking": "under",
}
SURNAME_PARTICLES = word_set("van von de der den da di del della du dos das le la ter ten bin al")
NAME_SUFFIXES = word_set("jr jr. sr sr. ii iii iv phd")
FAMILY_NAME_FIRST = frozenset({"CN", "VN", "TW", "HK", "MO", "KR"})
# Common Chinese, Korean and Vietnamese family names: a name that opens with one may be written family name first.
FAMILY_NAMES = word_set(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng liang xie song tang "
    "han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao jin "
    "fu kim lee park choi jung kang cho yoon jang lim nguyen tran le pham hoang huynh phan vu vo dang bui do ho "
    "ngo duong ly"
)


def write(answers):
    """The English notice for `answers`."""
    return _Writer(answers).letter()


# Words and numbers.


def _ascii(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def number_words(n):
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def span(days):
    """A stretch of days as a writer says it: "a day", "six days", "a week", "two weeks"."""
    if days == 1:
        return "a day"
    if days % 7 == 0 and days <= 56:
        weeks = days // 7
        return "a week" if weeks == 1 else f"{number_words(weeks)} weeks"
    if days >= 60:
        return f"about {number_words(round(days / 30))} months"
    if days > 14:
        weeks, rest = divmod(days, 7)
        return f"more than {number_words(weeks)} weeks" if rest <= 3 else f"nearly {number_words(weeks + 1)} weeks"
    return f"{number_words(days)} days"


def tidy(text):
    """The user's text with typographic apostrophes and quotes, as our own sentences have them."""
    text = " ".join(text.split())
    text = re.sub(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s|$)", "’", text)
    text = re.sub(r'"(?=\w)', "“", text)
    return re.sub(r'(?<=[\w.!?,])"', "”", text)


def sentence(text):
    """The user's text as whole sentences: a capital first and a full stop last."""
    text = tidy(text).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?”)" else text + "."


def clause(text):
    """The user's sentence embedded after a comma or a dash: no full stop, a small first letter if it was only
    capitalised for starting the sentence."""
    text = tidy(text).strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if first.lower() in STARTERS and first != "I":
        text = text[0].lower() + text[1:]
    return text


def _capitalised(word):
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


def is_common(word):
    """Whether the capitalised first word of a sentence is an ordinary word (lower-cased mid-sentence); a sentence
    may open with a person's name, so only words known to be ordinary qualify."""
    if "-" in word:
        return is_common(word.split("-", 1)[0])
    if not _capitalised(word):
        return False
    w = word.lower()
    stems = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w}
    if w.endswith("ies"):
        stems.add(w[:-3] + "y")
    return w not in PROPER and any(
        s in COMMON or s in DETERMINERS or s in STARTERS or s.endswith(COMMON_ENDINGS) for s in stems
    )


def is_ordinary(phrase):
    """Whether a noun phrase in sentence case ("Backyard patio and planting") only has its first capital for
    standing first: not a Title Case name ("Annual Report Design") nor one opening with a name ("Shopify store");
    names after a preposition do not count ("Quarterly rent for 14 Park Street")."""
    words = [w.strip(",.;:’'") for w in phrase.split()]
    first = words[0]
    if "-" in first:
        first = first.split("-", 1)[0]
    if not _capitalised(first) or first.lower() in PROPER:
        return False
    head = []
    for word in words[1:]:
        if word.lower() in MINOR_WORDS:
            break
        head.append(word)
    return not any(_capitalised(w) for w in head)


def lower_first(text):
    """Sentence-case text ("Replacement film tested") as it reads after a colon or mid-sentence."""
    return text[0].lower() + text[1:] if text and is_ordinary(text) else text


def upper_first(text):
    return text[:1].upper() + text[1:]


def _same_case(found, replacement):
    """`replacement` with the capital of the word it replaces ("We" → "I", "Our" → "My"); "US" is left alone."""
    if len(found) > 1 and found.isupper():
        return found
    return upper_first(replacement) if found[:1].isupper() else replacement


def noun_phrase(title):
    """A title as it reads mid-sentence: "the inventory sync integration", "invoice #4471", "the March rent"."""
    title = tidy(title).rstrip(".")
    words = title.split()
    first = words[0]
    if first.lower() in DETERMINERS:
        return lower_first(title) if first[0].isupper() else title
    if len(words) > 1 and re.match(r"^(#|no\.?$|n°|(?!(19|20)\d\d$)\d+[a-z]?$)", words[1], re.I):
        return lower_first(title)  # "Invoice #4471", "Phase 2": a numbered thing takes no article
    return "the " + lower_first(title)


def with_article(text):
    """The user's noun phrase with an article when it has none ("printing charge" → "the printing charge")."""
    text = tidy(text).rstrip(".")
    first = text.split(" ", 1)[0]
    if first.lower() in DETERMINERS or first[:1].isdigit():
        return lower_first(text) if first[:1].isupper() else text
    return "the " + lower_first(text)


# Words a user capitalises at the start of a field but that go in lower case inside our sentence.
SENTENCE_STARTS = frozenset(
    [
        "The",
        "A",
        "An",
        "Our",
        "Your",
        "Their",
        "Its",
        "My",
        "All",
        "Some",
        "Part",
        "Half",
        "Each",
        "Every",
        "Any",
        "Most",
        "This",
        "These",
        "That",
        "Those",
        "Remaining",
    ]
)


def _bare(text):
    """The user's phrase without a closing full stop, to sit inside our sentence ("The finished part" → "the …")."""
    text = tidy(text).strip().rstrip(".")
    if text.split(" ", 1)[0] in SENTENCE_STARTS:
        text = text[:1].lower() + text[1:]
    return text


def after_greeting(text):
    """The first sentence after "Hi Sarah," goes on in lower case ("we’re sorry"); "I" keeps its capital."""
    return text if re.match(r"I\b", text) else text[:1].lower() + text[1:]


def similar(a, b):
    """Whether two short descriptions say the same thing (a milestone and a partial delivery)."""
    words = [set(re.findall(r"[a-z0-9]{3,}", x.lower())) - {"the", "and", "for", "with"} for x in (a, b)]
    if not words[0] or not words[1]:
        return False
    return len(words[0] & words[1]) / min(len(words[0]), len(words[1])) >= 0.5


# Words that end a milestone's subject and say its state ("film delivered", "module complete", "line back in …").
STATE_WORDS = word_set(
    "complete completed ready finished done live back running working underway available open online installed "
    "sent built laid sewn made shown given taken written cut set paid put run held sold found drawn hung dried "
    "spun woven grown begun fit"
)
# Milestones that are events ("Full sync test", "your user acceptance testing"): scheduled, not made ready.
EVENT_HEADS = word_set(
    "test testing tests review meeting inspection audit visit call handover sign-off launch training demo go-live "
    "walkthrough rehearsal presentation workshop submission resubmission acceptance check trial tasting fitting"
)
# Nouns that read better without "the" ("space confirmed on a vessel", "line art for …").
MASS_NOUNS = word_set(
    "space work art data content software equipment furniture stock feedback approval access information "
    "artwork copy research support"
)
PREPOSITIONS = word_set("for of to in on at with from into onto by")
# A sentence of its own: the user wrote a subject and a verb ("we will run a full sync test").
OWN_SENTENCE = re.compile(r"^(we|i|you|they)\b|^(\S+ ){1,4}will\b", re.I)
# The user's explanation owning our part of it: "we did not assess the impact", "we should have checked".
ADMISSION = re.compile(
    r"\b(we|I)\s+(did not|didn’t|had not|hadn’t|should have|failed to|had no|missed|underestimated|forgot|"
    r"overlooked|took on|booked|never)\b|\b(our|my) (mistake|fault|oversight|error)\b",
    re.I,
)
# Words that may follow a state ("fitted temporarily", "tested and approved", "ready so that …").
STATE_FOLLOWERS = word_set("and or so as before after until within temporarily again together")
QUANTIFIERS = word_set("all both each every several many some most half")
IRREGULAR_PARTICIPLES = word_set(
    "rewritten written taken given broken chosen frozen shown sewn grown known thrown drawn redrawn redone rebuilt "
    "proven hidden spoken driven"
)


def _word(word):
    return word.strip(",.;:’'()").lower()


def is_participle(word):
    w = _word(word)
    return w in STATE_WORDS or w in IRREGULAR_PARTICIPLES or (len(w) > 4 and w.endswith("ed"))


IRREGULAR_BASES = {
    "set": "set",
    "laid": "lay",
    "built": "build",
    "sent": "send",
    "made": "make",
    "put": "put",
    "cut": "cut",
    "sewn": "sew",
    "hung": "hang",
    "given": "give",
    "done": "do",
    "held": "hold",
    "fit": "fit",
    "run": "run",
    "shown": "show",
    "written": "write",
    "rewritten": "rewrite",
    "taken": "take",
    "paid": "pay",
}
E_ENDINGS = ("at", "iz", "is", "ys", "uc", "ac", "ic", "av", "iv", "ov", "rg", "ng", "id", "ur", "ut", "bl", "dl", "gl")


def base_verb(word):
    """The verb of a participle ("fitted" → "fit", "provided" → "provide"), or "" for a word that is not one."""
    w = _word(word)
    if w in IRREGULAR_BASES:
        return IRREGULAR_BASES[w]
    if len(w) <= 4 or not w.endswith("ed"):
        return ""
    stem = w[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "bgmnprt":
        return stem[:-1]
    if w.endswith("ied"):
        return w[:-3] + "y"
    return stem + "e" if stem.endswith(E_ENDINGS) else stem


class MilestonePhrase:
    """A milestone description split into its subject and its state: "hot-foil film delivered to our plant" is
    the hot-foil film (subject) and "delivered to our plant" (state); "Full sync test" is an event with no
    state; "line art for the six spreads" is a thing to be made ready."""

    def __init__(self, description):
        text = lower_first(tidy(description).strip().rstrip("."))
        self.text = text
        words = text.split()
        self.own_sentence = bool(OWN_SENTENCE.search(text))
        cut = None
        for i, word in enumerate(words[1:], 1):
            previous = _word(words[i - 1])
            following = _word(words[i + 1]) if i + 1 < len(words) else ""
            state_follows = (
                not following
                or following in PREPOSITIONS
                or following in STATE_FOLLOWERS
                or following.endswith("ly")
                or is_participle(following)
            )
            if is_participle(word) and previous not in DETERMINERS | PREPOSITIONS and state_follows:
                cut = i
                break
        self.subject = " ".join(words[:cut]) if cut else text
        self.state = " ".join(words[cut:]) if cut else ""
        head_words = []
        for word in self.subject.split():
            if _word(word) in PREPOSITIONS:
                break
            head_words.append(word)
        self.head = _word(head_words[-1]) if head_words else ""
        self.event = not self.state and (self.head in EVENT_HEADS or self.head.endswith("ing"))

    @property
    def plural(self):
        subject = f" {self.subject} "
        return " and " in subject or (self.head.endswith("s") and not self.head.endswith("ss"))

    def with_article(self):
        first = _word(self.subject.split(" ", 1)[0])
        bare = (
            first in DETERMINERS
            or first in QUANTIFIERS
            or first[:1].isdigit()
            or first in NUMBER_WORDS
            or self.head.endswith(("ing", "ion"))
            or self.head in MASS_NOUNS
        )
        return self.subject if bare else "the " + self.subject

    def future(self, date, by_date):
        """The milestone as a clause: "by Tuesday, December 22, the hot-foil film will be delivered to our plant"
        (`by_date` is "by Tuesday, December 22,"), "the full sync test is scheduled for Tuesday, March 23"."""
        if self.own_sentence:
            return f"on {date}, {self.text}"
        subject = self.with_article()
        if self.event:
            verb = "are" if self.plural else "is"
            return f"{subject} {verb} scheduled for {date}"
        state = self.state or "ready"
        return f"{by_date} {subject} will be {state}"

    def past(self, date):
        """The milestone met: "the replacement film was tested and approved on June 9, as planned"."""
        subject = self.with_article()
        if self.own_sentence:
            return f"we met the {date} milestone as planned"
        if self.event:
            return f"{subject} took place on {date}, as planned"
        verb = "were" if self.plural else "was"
        state = re.sub(r"^complete\b", "completed", self.state or "ready")
        return f"{subject} {verb} {state} on {date}, as planned"


def holiday_phrase(name):
    """A holiday as the predicate of "Monday, May 31 is …"."""
    name = tidy(name).split("/")[-1].strip()
    if "observed" in name.lower() or not name:
        return "a public holiday"
    if name.lower().endswith("bank holiday"):
        return "a bank holiday"
    ordinal_day = re.match(r"(First|Second|Third|Fourth|Fifth|Sixth|Seventh) Day of (.+)", name)
    if ordinal_day:
        return f"the {ordinal_day.group(1).lower()} day of {ordinal_day.group(2)}"
    if name[:1].isdigit():
        return "a public holiday"
    return name


class _Writer:
    def __init__(self, answers):
        self.a = answers
        self.gb = answers.letter.en_variant == "GB"
        self.individual = answers.sender.kind == "individual"
        self.tone = answers.tone
        self.payment = answers.kind == "payment"
        self.subkind = answers.subkind
        self.c = answers.commitment
        self.plan = answers.plan
        self.remedies = {}
        for remedy in answers.remedies:
            self.remedies.setdefault(remedy.kind, remedy)
        self.updates = update_plan(answers, "en")

    # Our own sentences in the sender's voice, the tone's register and the reader's spelling.

    def own(self, template, contract=None, **values):
        """`template` in the sender's voice, contracted unless formal (or as `contract` says), respelled for a
        British reader, then filled with `values` (the user's words and our dates, left as they are)."""
        text = template
        if contract is None:
            contract = self.tone == "warm" or (self.tone == "concise" and self.a.channel != "letter")
        if self.individual:
            for pattern, replacement in SINGULAR:
                text = re.sub(pattern, lambda m, r=replacement: _same_case(m.group(0), r), text, flags=re.I)
        if contract:
            for full, short in CONTRACTIONS:
                text = re.sub(rf"\b{full}\b", lambda m, r=short: _same_case(m.group(0), r), text, flags=re.I)
        if self.gb:
            for us, gb in BRITISH:
                text = text.replace(us, gb)
        return text.format(**values)

    # Dates and money.

    def day(self, date, weekday=False):
        """June 17 / 17 June; with the weekday: Thursday, June 17 / Thursday 17 June; the year when not this one."""
        year = abs((date - self.a.notice_date).days) > 300
        if self.gb:
            text = f"{date.day} {MONTHS[date.month]}" + (f" {date.year}" if year else "")
            return f"{WEEKDAYS[date.weekday()]} {text}" if weekday else text
        text = f"{MONTHS[date.month]} {date.day}" + (f", {date.year}" if year else "")
        return f"{WEEKDAYS[date.weekday()]}, {text}" if weekday else text

    def day_mid(self, date, weekday=False):
        """A date followed by more of its clause: American style closes "Monday, May 31," with a comma."""
        text = self.day(date, weekday)
        return text + "," if not self.gb and "," in text else text

    def full_day(self, date):
        if self.gb:
            return f"{date.day} {MONTHS[date.month]} {date.year}"
        return f"{MONTHS[date.month]} {date.day}, {date.year}"

    def chat_day(self, date):
        """A date as a message says it: tomorrow; Thursday 13th (GB) / Thursday the 13th (US) when it is the
        nearest 13th, within three weeks; else 13 May / May 13."""
        ahead = (date - self.a.notice_date).days
        if ahead in (0, 1):
            return ("today", "tomorrow")[ahead]
        today = self.a.notice_date
        nearest = date.month == today.month or (date.day < today.day if ahead > 0 else date.day > today.day)
        if abs(ahead) <= 20 and nearest:
            return f"{WEEKDAYS[date.weekday()]} {'' if self.gb else 'the '}{ordinal(date.day)}"
        return f"{date.day} {MONTHS[date.month]}" if self.gb else f"{MONTHS[date.month]} {date.day}"

    def chat_on(self, date):
        day = self.chat_day(date)
        return day if day in ("today", "tomorrow") else f"on {day}"

    def money(self, value):
        currency = self.a.currency or "USD"
        value = Decimal(value)
        number = f"{int(value):,}" if value == value.to_integral_value() else f"{value:,.2f}"
        sign = CURRENCY_SIGNS.get(currency)
        return f"{sign}{number}" if sign else f"{CURRENCY_CODES.get(currency, currency)} {number}"

    def percent(self, value):
        value = Decimal(value)
        return f"{value.normalize():f}%" if value == value.to_integral_value() else f"{value}%"

    def join(self, items):
        items = list(items)
        if len(items) <= 2:
            return " and ".join(items)
        return ", ".join(items[:-1]) + ("" if self.gb else ",") + " and " + items[-1]

    # What is late, and the reference that goes with it.

    @property
    def thing(self):
        return tidy(self.c.title) if self.c.title_is_name else noun_phrase(self.c.title)

    def appositive(self, thing):
        """Whether a comma in the title sets off a part ("the booking app, release 2") rather than a list."""
        return ", " in thing and not re.search(r",.*\b(and|or)\b", thing)

    @property
    def chat_thing(self):
        """The title in a message: no year in it ("the audit of the 2026 accounts" → "the audit of the accounts")."""
        thing = re.sub(r"\s*\b(19|20)\d\d\b", "", self.thing).strip()
        return thing + "," if self.appositive(thing) else thing

    @property
    def reference(self):
        """The reference as it reads in a sentence ("PO #TR-5521", "contract CO-17"), or "" when the title or the
        user's own words already hold it."""
        ref = tidy(self.c.reference)
        said = [self.c.title, self.a.cause.explanation, self.plan.measures, *(r.description for r in self.a.remedies)]
        if not ref or any(ref.lower() in tidy(text).lower() for text in said):
            return ""
        first = ref.split()[0]
        if first.lower().rstrip(".") in REFERENCE_WORDS or _capitalised(first.rstrip(".")):
            ref = first.lower() + ref[len(first) :] if _capitalised(first.rstrip(".")) else ref
            return re.sub(r"\b(No|Ref)\.(?= )", lambda m: m.group(0).lower(), ref)
        noun = {
            "project": "contract",
            "service": "contract",
            "shipment": "order",
            "invoice": "invoice",
            "rent": "tenancy agreement" if self.gb else "lease",
            "loan": "loan",
        }[self.subkind]
        return f"{noun} {ref}"

    def thing_with_reference(self, after="", final=False, title=None):
        """The title with its reference, the one place the body names it: "the coffee bags on PO #TR-5521";
        `after` is said of the title before the reference ("the May installment of $4,200 on loan no. 40-118")."""
        ref = self.reference
        title = title or self.thing
        thing = title + "," if self.appositive(title) and not (final and not (after or ref)) else title
        if not ref:
            return thing + after
        first = ref.split()[0].lower().rstrip(".")
        preposition = REFERENCE_WORDS.get(first, "under")
        if first == "loan":
            # "the May loan installment on loan no. 40-118" says "loan" twice: "the May installment on loan no. …"
            thing = re.sub(r"\bloan (?=\w)", "", thing, count=1, flags=re.I)
            title = re.sub(r"\bloan (?=\w)", "", title, count=1, flags=re.I)
        if self.subkind == "invoice" and first == "invoice":
            if "invoice" in title.lower():
                return thing + after
            # "invoice DM-0112 for €48,000, the second payment for the machining centre,"
            return f"{ref}{after}, {title}" + ("" if final else ",")
        return f"{thing}{after} {preposition} {ref}"

    def subject_title(self):
        title = tidy(self.c.title) if self.c.title_is_name else upper_first(tidy(self.c.title))
        ref = tidy(self.c.reference)
        return f"{title} ({ref})" if ref and ref.lower() not in title.lower() else title

    # Who speaks to whom.

    def name_parts(self):
        """(given name, family name) of the recipient, by the order names take in their country; a name in Chinese
        characters stays whole, as Chinese letters address a person (Ms. 张蔚然)."""
        r = self.a.recipient
        if HAN.search(r.name):
            return r.name, r.name
        words = [w for w in r.name.split() if w.lower() not in NAME_SUFFIXES]
        if not words:
            return "", ""
        if len(words) == 1:
            return words[0], ""
        if r.country == "VN":
            return words[-1], words[-1]  # Vietnamese are addressed by the given name, the last one: Mr. Phước
        if r.country in FAMILY_NAME_FIRST and _ascii(words[0]).lower() in FAMILY_NAMES:
            return words[-1], words[0]
        family = [words[-1]]
        for word in reversed(words[1:-1]):
            if word.lower() not in SURNAME_PARTICLES:
                break
            family.insert(0, word)
        return words[0], " ".join(family)

    def latin_name(self):
        """Whether the recipient's name can follow "Dear Ms." in an English letter (not one in Chinese characters)."""
        return not HAN.search(self.a.recipient.name)

    def courtesy(self):
        return {"mr": "Mr", "ms": "Ms"}.get(self.a.recipient.honorific, "") + ("" if self.gb else ".")

    def greeting_name(self):
        """(the name after Dear, whether it is a first name): "Ms. Collins", False / "Giles", True / "", False."""
        r = self.a.recipient
        if r.address_as:
            return r.address_as, not r.address_as.startswith(("Mr", "Ms", "Mrs", "Dr", "Miss", "Prof"))
        if not self.latin_name():
            return "", False
        given, family = self.name_parts()
        if family and r.honorific in ("mr", "ms"):
            return f"{self.courtesy()} {family}", False
        return given, bool(given)

    def salutation(self):
        name, first = self.greeting_name()
        channel = self.a.channel
        if not name:
            stop = ":" if channel == "letter" and not self.gb else ","
            known = {"mr": "Sir", "ms": "Madam"}.get(self.a.recipient.honorific) if self.a.recipient.name else None
            if known and (channel == "letter" or self.tone == "formal"):
                return f"Dear {known}{stop}"
            if channel == "letter" or self.tone == "formal":
                return "Dear Sir or Madam" + stop
            org = self.a.recipient.organization
            return f"Dear {org} team," if org and not HAN.search(org) else "Hello,"
        word = "Hi" if first and channel == "email" and self.tone == "concise" else "Dear"
        stop = ":" if channel == "letter" and not self.gb and not first else ","
        return f"{word} {name}{stop}"

    def chat_greeting(self):
        r = self.a.recipient
        if r.address_as:
            return f"Hi {r.address_as},"
        if not self.latin_name():
            return "Hello,"
        given, family = self.name_parts()
        if family and r.honorific in ("mr", "ms"):
            return f"{'Hello' if self.tone == 'formal' else 'Hi'} {self.courtesy()} {family},"
        return f"Hi {given}," if given else "Hello,"

    @property
    def decider(self):
        """Who agrees to a payment request: "the bank" when writing to a bank's officer, else "you"."""
        return "the bank" if self.a.recipient.kind == "bank" else "you"

    # The delay notice.

    def delay_blocks(self):
        blocks = [self.opening_block(), self.cause_block()]
        plan, offer = self.plan_blocks(), self.offer_block()
        if self.payment and offer and len(plan) == 1 and plan[0].roles == {"measures"}:
            # A payment's offer and its safeguard are two sentences of one paragraph.
            offer = Block(f"{offer.text} {plan[0].text}", roles=offer.roles | plan[0].roles)
            plan = []
        blocks += plan
        if offer:
            blocks.append(offer)
        blocks.append(self.closing_block())
        return tuple(b for b in blocks if b and b.text)

    # Opening: what is late, the new date, what it means for them.

    def opening_block(self):
        if self.payment:
            return self.payment_opening()
        a, tone = self.a, self.tone
        verb = {"project": "be ready on", "shipment": "reach you on", "service": "be completed by"}[self.subkind]
        thing = self.thing_with_reference(final=a.is_late)
        original = self.day(self.c.original_deadline)
        roles = {"opening", "new_date"}
        if a.is_late:
            due = {"project": "deadline", "shipment": "delivery date", "service": "date"}[self.subkind]
            late = "We have missed the {original} {due} for {thing}."
            text = [self.own(late, original=original, due=due, thing=thing)]
        else:
            news = {
                "formal": "{Thing} will not {verb} {original} as scheduled.",
                "warm": "Unfortunately, {thing} will not {verb} {original} as planned.",
                "concise": "{Thing} will not {verb} {original} as planned.",
            }[tone]
            text = [self.own(news, Thing=upper_first(thing), thing=thing, verb=verb, original=original)]
        text.append(self.new_date_sentence())
        impact = self.impact_sentence()
        if impact:
            text.append(impact)
            roles.add("impact")
        return Block(" ".join(text), roles=frozenset(roles))

    def new_date_sentence(self):
        new = self.day(self.plan.new_deadline, weekday=True)
        noun = "date" if self.subkind == "service" else "delivery date"
        slip = ""
        if self.tone != "formal" and self.a.slip_days % 7 == 0 and self.a.slip_days <= 28:
            slip = f", {span(self.a.slip_days)} later"
        early = self.early_partial()
        if early:
            verb = self.partial_verb(early)
            line = "We can still {verb} {what} that day, and the rest will follow by {new}."
            if early.date != self.c.original_deadline:
                line = "On {date}, we can still {verb} {what}, and the rest will follow by {new}."
            values = {"verb": verb, "what": _bare(early.description), "date": self.day(early.date), "new": new}
            return self.own(line, **values)
        return self.own("The new {noun} is {new}{slip}.", noun=noun, new=new, slip=slip)

    def partial_verb(self, partial):
        """What we can do with part of the work now: deliver it; for a service, get it done ("get the base units
        fitted") or take care of it ("take care of the ground floor")."""
        if self.subkind != "service":
            return "deliver"
        last = _bare(partial.description).split()[-1].lower()
        return "get" if re.search(r"(ed|en|done|set|built|laid)$", last) else "take care of"

    @staticmethod
    def already(partial):
        """ "already " before a partial delivery, unless the user's words say it is ready."""
        return "" if re.search(r"\b(already|ready|finished|done)\b", partial.description) else "already "

    def need_partial(self):
        """A partial delivery that meets the reader's need when the whole cannot: said with the impact."""
        partial, by = self.remedies.get("partial_delivery"), self.c.needed_by
        late = by and self.plan.new_deadline > by
        if partial and late and partial.date <= by and not self.early_partial():
            return partial
        return None

    def early_partial(self):
        """A partial delivery on or before the original date: part of the news, said in the opening."""
        partial = self.remedies.get("partial_delivery")
        return partial if partial and partial.date <= self.c.original_deadline else None

    def need(self):
        """What the reader needs it for, with its date when the user gave one and the text does not hold it."""
        need = clause(self.c.needed_for) if self.c.needed_for else ""
        said_when = re.search(r"\d|\b(in|mid-|early|late|end of|this|next) ?(" + "|".join(MONTHS[1:]) + ")", need)
        if self.c.needed_by and need and not said_when:
            if MONTHS[self.c.needed_by.month] in need:  # "your January sale (2 January)", not "… on 2 January"
                return f"{need} ({self.day(self.c.needed_by)})"
            return f"{need} on {self.day(self.c.needed_by)}"
        return need or (self.day(self.c.needed_by) if self.c.needed_by else "")

    def impact_sentence(self):
        tone, need = self.tone, self.need()
        by, new = self.c.needed_by, self.plan.new_deadline
        if by and new <= by:
            gap = (by - new).days
            if gap == 0:
                return self.own("That is still in time for {need}, but it leaves you no margin at all.", need=need)
            lead = "That still leaves {gap} before {need}"
            if not self.c.needed_for:
                lead = "That still leaves {gap} before {need}, the date you need it by"
            if gap >= 14:
                tail = {
                    "formal": ", so your plans for it should not be affected.",
                    "warm": ", so your plans for it should not be affected.",
                    "concise": ".",
                }[tone]
            elif gap <= 3:
                fine = "cutting it fine" if self.gb else "cutting it close"
                tail = {
                    "formal": ", but we know how little margin that leaves you.",
                    "warm": ", which we know is " + fine + ".",
                    "concise": ".",
                }[tone]
            else:
                tail = {
                    "formal": ", but we know it takes away most of the margin you had planned for.",
                    "warm": ", but we know it is a lot tighter than you had planned.",
                    "concise": ".",
                }[tone]
            return self.own(lead + tail, gap=span(gap), need=need)
        partial = self.need_partial()
        if partial:
            line = "That is {gap} after {need}, but on {date} we can " + self.already(partial) + "{verb} {what}."
            values = {"verb": self.partial_verb(partial), "what": _bare(partial.description)}
            return self.own(line, gap=span((new - by).days), need=need, date=self.day_mid(partial.date, True), **values)
        if by:
            gap = (new - by).days
            text = {
                "formal": "That is {gap} after {need}, and we understand how much this affects your plans.",
                "warm": "We know that is {gap} after {need}, which makes things much harder for you.",
                "concise": "That is {gap} after {need}.",
            }[tone]
            return self.own(text, gap=span(gap), need=need)
        if need:
            text = {
                "formal": "We know you were counting on this for {need}.",
                "warm": "We know you were counting on this for {need}.",
                "concise": "We know this affects {need}.",
            }[tone]
            return self.own(text, need=need)
        if tone == "concise":
            return ""
        return self.own("We know you had planned around the original date.")

    def amount_due(self):
        """The payment with its amount and reference: "invoice #4471 for $8,450", "the March rent of £1,450", "the
        £9,600 quarterly rent for 14 Park Street under lease AV-PS14"."""
        amount = self.money(self.c.amount.value)
        if self.subkind == "invoice" and ("invoice" in self.c.title.lower() or self.reference):
            return self.thing_with_reference(f" for {amount}")
        thing = self.thing
        if not self.c.title_is_name and thing.startswith("the ") and re.search(r" (for|of|on|at|in) ", thing):
            return self.thing_with_reference(title=f"the {amount} {thing[4:]}")
        return self.thing_with_reference(f" of {amount}")

    def payment_opening(self):
        a, tone = self.a, self.tone
        thing = self.amount_due()
        staged = "partial_payment" in self.remedies or "instalments" in self.remedies
        full = " in full" if staged else ""
        original = self.day(self.c.original_deadline)
        roles = {"opening", "new_date"}
        if a.is_late:
            news = {
                "formal": "{Thing} fell due on {original}, and we have not yet been able to {pay} it{full}.",
                "warm": "{Thing} fell due on {original}, and we still have not been able to {pay} it{full}.",
                "concise": "{Thing} fell due on {original}, and we have not yet paid it{full}.",
            }[tone]
        else:
            news = {
                "formal": "We will not be able to {pay} {thing}{full} when it falls due on {original}.",
                "warm": "Unfortunately, we will not be able to {pay} {thing}{full} on {original}.",
                "concise": "We cannot {pay} {thing}{full} on {original}.",
            }[tone]
        text = [
            self.own(news, thing=thing, Thing=upper_first(thing), full=full, original=original, pay=self.pay_verb())
        ]
        text.append(self.payment_request(staged))
        items = ()
        if self.instalment_list():
            items = self.instalment_list()
        need = self.payment_need()
        if need:
            text.append(need)
            roles.add("impact")
        return Block(" ".join(text), items, frozenset(roles))

    def pay_verb(self, thing=""):
        """What one does with the sum named by `thing` (else the title): pay an invoice or rent, make a payment,
        repay a loan."""
        words = []
        for word in tidy(thing or self.c.title).split(",")[0].split():
            if _word(word) in PREPOSITIONS:
                break
            words.append(word)
        head = _word(words[-1]) if words else ""
        if head in ("payment", "repayment"):
            return "make"
        return "repay" if head == "loan" else "pay"

    def payment_need(self):
        if self.c.needed_for:
            return self.own("We know you were counting on this payment for {need}.", need=self.need())
        return ""

    def payment_request(self, staged):
        """The ask: the new date, or the schedule of payments that ends on it."""
        new = self.day(self.plan.new_deadline, weekday=True)
        if not staged:
            ask = {
                "formal": "We would be grateful if {decider} could allow us until {new_mid} to "
                + self.pay_verb()
                + " it.",
                "warm": "Could {decider} give us until {new}?",
                "concise": "We would like to ask for an extension to {new}.",
            }[self.tone]
            return self.own(ask, decider=self.decider, new=new, new_mid=self.day_mid(self.plan.new_deadline, True))
        schedule = self.schedule_phrase()
        ask = {
            "formal": "We would like to ask {decider} to accept {schedule}",
            "warm": "We can pay {schedule}, and we would be grateful if {decider} could agree to that",
            "concise": "We can pay {schedule}",
        }[self.tone]
        if self.instalment_list():
            return self.own(ask + ":", decider=self.decider, schedule=schedule)
        return self.own(ask + ".", decider=self.decider, schedule=schedule)

    def schedule_phrase(self):
        """ "$1,500 on May 14 and the remaining $2,700 in two installments of $1,350, on May 28 and June 15"."""
        total = self.c.amount.value
        parts = []
        paid = Decimal(0)
        partial = self.remedies.get("partial_payment")
        if partial:
            when = f"on {self.day(partial.date)}"
            if partial.date == self.c.original_deadline:
                when = "on the day" if self.tone == "warm" else "on the due date"
            parts.append(f"{self.money(partial.amount)} {when}")
            paid += partial.amount
        instalments = self.remedies.get("instalments")
        rest = total - paid
        remaining = "the remaining " if partial else ""
        if instalments:
            schedule = instalments.schedule
            scheduled = sum((i.amount for i in schedule), Decimal(0))
            word = "installment" if len(schedule) == 1 else "installments"
            whole = "payment" if self.tone == "formal" else "it"
            base = f"{remaining}{self.money(scheduled)}" if partial else ("the balance" if scheduled < total else whole)
            if len(schedule) == 1:
                only = schedule[0]
                parts.append(f"{remaining or ''}{self.money(only.amount)} on {self.day(only.date)}")
            elif len(schedule) >= LIST_FROM + 1:
                parts.append(f"{base} in {number_words(len(schedule))} {word}")
            elif len({i.amount for i in schedule}) == 1:
                dates = self.join(self.day(i.date) for i in schedule)
                amount = self.money(schedule[0].amount)
                parts.append(f"{base} in {number_words(len(schedule))} {word} of {amount}, on {dates}")
            else:
                each = self.join(f"{self.money(i.amount)} on {self.day(i.date)}" for i in schedule)
                colon = ":" if len(schedule) > 2 else ","
                parts.append(f"{base} in {number_words(len(schedule))} {word}{colon} {each}")
            paid += scheduled
            rest = total - paid
            if rest > 0:
                parts.append(f"the last {self.money(rest)} by {self.day(self.plan.new_deadline)}")
        elif partial:
            parts.append(f"the remaining {self.money(rest)} by {self.day(self.plan.new_deadline, weekday=True)}")
        text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return self.own(text)

    def instalment_list(self):
        instalments = self.remedies.get("instalments")
        if not instalments or len(instalments.schedule) < LIST_FROM + 1:
            return ()
        return tuple(f"{self.day(i.date, weekday=True)}: {self.money(i.amount)}" for i in instalments.schedule)

    # Cause, responsibility, apology.

    def cause_block(self):
        cause = self.a.cause
        explanation = sentence(cause.explanation) if cause.explanation else self.category_sentence()
        framing = self.responsibility_sentence() if explanation else self.bare_apology()
        ours_first = cause.responsibility == "ours" and self.tone != "concise" and not self.payment
        parts = [framing, explanation] if ours_first else [explanation, framing]
        roles = {"cause", "responsibility", "apology"}
        return Block(" ".join(p for p in parts if p), roles=frozenset(roles))

    def admits_our_part(self):
        """Whether the user's explanation already says what we got wrong ("we did not assess the impact")."""
        return bool(ADMISSION.search(tidy(self.a.cause.explanation)))

    def bare_apology(self):
        """The apology when no cause is given: owning it without naming what happened."""
        late = ", both for the delay and for not telling you sooner" if self.a.is_late else ""
        if self.payment and not late:
            late = " for asking for more time"
        elif not late:
            late = " for the delay"
        if self.a.cause.responsibility == "ours":
            return self.own("The delay is our responsibility, and we apologize" + late + ".")
        return self.own("We apologize" + late + ".")

    def should_have(self):
        """What we could have done better, by the kind of cause, for a delay only partly of our making."""
        if self.payment:
            return "we should have planned for it"
        return {
            "supplier": "we should have had a back-up in place",
            "third_party": "we should have allowed for a change like this",
            "technical": "we should have caught the problem sooner",
            "resources": "we should have planned for it",
            "illness": "we should have had cover in place",
            "external_event": "we should have left more room for the unexpected",
            "recipient_dependency": "we should have allowed more room in the schedule for this",
            "scope_change": "we should have given you a revised date as soon as the work was added",
        }.get(self.a.cause.category, "we should have planned better")

    def responsibility_sentence(self):
        cause, tone, late = self.a.cause, self.tone, self.a.is_late
        if tone == "concise":
            if late:
                return self.own("We apologize for the delay and for not telling you sooner.")
            return self.own("We apologize for the late payment." if self.payment else "We apologize for the delay.")
        sorry = "we apologize" if tone == "formal" else "we are very sorry"
        if late:
            sorry += ", both for the delay and for not telling you sooner"
        elif self.payment:
            sorry += " for asking for more time" if tone == "formal" else " to be asking"
        elif tone == "formal" and cause.responsibility == "outside" and cause.category != "recipient_dependency":
            sorry += " for missing it"
        sorry = self.own(sorry)
        admits = self.admits_our_part()
        if cause.category == "illness" and not (admits and cause.responsibility == "shared"):
            text = "{Sorry}."
            if not late and not self.payment:
                text = {
                    "formal": "We apologize for the disruption to your plans.",
                    "warm": "We are really sorry to let you down.",
                }[tone]
        elif cause.responsibility == "ours" and self.payment:
            text = "We should have planned for it, and {sorry}." if not admits else "{Sorry}."
        elif cause.responsibility == "ours":
            text = {
                "formal": "The delay is our responsibility, and {sorry}.",
                "warm": "That is our fault, and {sorry}.",
            }[tone]
        elif cause.responsibility == "shared" or cause.category == "recipient_dependency" and not self.payment:
            if admits:
                text = {
                    "formal": "We take responsibility for that, and {sorry}.",
                    "warm": "That part is on us, and {sorry}.",
                }[tone]
            elif cause.category in ("recipient_dependency", "scope_change") or cause.responsibility == "outside":
                text = upper_first(self.should_have()) + ", and {sorry}."
            else:
                text = "Not all of this was in our hands, but " + self.should_have() + ", and {sorry}."
        elif self.payment:
            text = {
                "formal": "The cause was outside our control, but the payment is our responsibility, and {sorry}.",
                "warm": "That is not your problem, though, and {sorry}.",
            }[tone]
        else:
            text = {
                "formal": "The cause was outside our control, but the date we gave you was our responsibility, and "
                "{sorry}.",
                "warm": "That was outside our control, but the date was still our promise to you, and {sorry}.",
            }[tone]
        return self.own(text, sorry=sorry, Sorry=upper_first(sorry))

    def category_sentence(self):
        category = self.a.cause.category
        if self.payment:
            table = {
                "time_management": "We did not plan our cash flow well enough for this date.",
                "resources": "Our cash reserves are short this month.",
                "technical": "A technical problem has held up the money we expected to receive.",
                "third_party": "A payment we were expecting from one of our own clients is late.",
                "supplier": "Delays at one of our suppliers have held up our own work, and with it our income.",
                "recipient_dependency": "We are still waiting on the paperwork we need to release the payment.",
                "scope_change": "The amount due changed with the scope of the work, and our budget has not yet caught "
                "up with it.",
                "illness": "Illness has kept us from working for part of this month, and our income has dropped "
                "with it.",
                "external_event": "An unexpected event has cut our income this month.",
            }
        else:
            work = {"project": "the work", "shipment": "production", "service": "the work"}[self.subkind]
            table = {
                "time_management": "We underestimated how long {work} would take.",
                "resources": "We have not had enough people on {work} to keep to the original schedule.",
                "technical": "We ran into a technical problem that has taken longer to fix than we expected.",
                "third_party": "A change made by an outside service that {work} depends on means we must redo "
                "part of it.",
                "supplier": "One of our suppliers delivered late, and that has held up {work}.",
                "recipient_dependency": "{Work} depended on materials and approvals that took longer to come "
                "together than planned.",
                "scope_change": "The work has grown since we set the original date, and that date no longer allows "
                "for it.",
                "illness": "Illness in our team has cost us working days we had counted on.",
                "external_event": "Events outside our control have disrupted {work}.",
            }
            if self.individual:
                table["illness"] = "I have been ill and lost working days I had counted on."
            table = {k: v.replace("{work}", work).replace("{Work}", upper_first(work)) for k, v in table.items()}
        text = table.get(category, "")
        return self.own(text) if text else ""

    # The plan: milestones, what changes, updates.

    def milestones(self):
        """The milestones the letter names: a partial delivery on the same day says the same thing once."""
        partial = self.remedies.get("partial_delivery")
        return [
            m
            for m in self.plan.milestones
            if not (partial and m.date == partial.date and similar(m.description, partial.description))
        ]

    def by_date(self, date):
        return f"By {self.day(date, weekday=True)},"

    def milestone_sentence(self, milestones):
        """One or two milestones as a sentence: "By Tuesday, December 22, the hot-foil film will be delivered to our
        plant, and by Tuesday, January 5, printing … will be complete." """
        clauses = []
        for m in milestones:
            phrase = MilestonePhrase(m.description)
            date = self.day(m.date, weekday=True)
            clauses.append(phrase.future(date, self.by_date(m.date)))
        clauses = [upper_first(clauses[0])] + [c[:1].lower() + c[1:] if c.startswith("By ") else c for c in clauses[1:]]
        return ", and ".join(clauses) + "."

    def plan_blocks(self):
        milestones = self.milestones()
        measures = self.measures_sentence()
        if len(milestones) >= LIST_FROM:
            items = tuple(f"{self.day(m.date, weekday=True)}: {lower_first(tidy(m.description))}" for m in milestones)
            listed = Block(self.own("The schedule from here:"), items, frozenset({"milestones"}))
            return [listed, Block(measures, roles=frozenset({"measures"}))] if measures else [listed]
        text, roles = [], set()
        if milestones:
            text.append(self.milestone_sentence(milestones))
        if milestones:
            roles.add("milestones")
        if measures:
            text.append(measures)
            roles.add("measures")
        return [Block(" ".join(text), roles=frozenset(roles))] if text else []

    def updates_sentences(self):
        plan = self.updates
        if not plan.dates:
            return []
        until = {
            "project": "until delivery",
            "shipment": "until delivery",
            "service": "until the work is done",
            "invoice": "until the invoice is paid in full",
            "rent": "until the rent is paid in full",
            "loan": "until the deferred amount is paid",
        }[self.subkind]
        noun = {"formal": "short progress update", "warm": "quick progress update", "concise": "progress update"}
        noun = noun[self.tone]
        if self.payment:
            noun = {"formal": "short update", "warm": "quick update", "concise": "short update"}[self.tone]
        if plan.cadence == "weekly":
            days = self.join(WEEKDAYS[d] for d in plan.weekdays)
            every = f"every {days}"
        elif plan.days == 1:
            every = "every working day"
        elif plan.days == 2:
            every = "every other working day" if self.skips_weekends() else "every other day"
        elif plan.days % 7 == 0:
            every = "every week" if plan.days == 7 else f"every {number_words(plan.days // 7)} weeks"
        elif 28 <= plan.days <= 31:
            every = "once a month"
        else:
            every = f"every {number_words(plan.days)} days"
            if self.skips_weekends():
                every += " except at weekends" if self.gb else " except on weekends"
        first = plan.first
        skipped_first = any(day < first and holiday for day, holiday in plan.skipped)
        first = {actual: scheduled for scheduled, actual, holiday in plan.moved if holiday}.get(first, first)
        if self.tone == "concise":
            return [self.own("We will send you a {noun} {every}.", noun=noun, every=every), *self.calendar_sentences()]
        text = [self.own("We will send you a {noun} {every} " + until, noun=noun, every=every)]
        if not skipped_first:
            text[0] += self.own(", starting {first}", first=self.starting(first))
        text[0] += "."
        text += self.calendar_sentences()
        return text

    def starting(self, first):
        ahead = (first - self.a.notice_date).days
        if ahead == 1:
            return "tomorrow"
        if ahead < 7 and first.weekday() > self.a.notice_date.weekday():
            return f"this {WEEKDAYS[first.weekday()]}"
        return self.day(first, weekday=True)

    def skips_weekends(self):
        """Whether the updates every few days skip weekends (said in the rule, not in a note of its own)."""
        return any(not holiday for _, holiday in self.updates.skipped)

    def moved_sentence(self, moved):
        """Two or three updates moved for named holidays: "Christmas Day and New Year’s Day both fall on a Friday,
        so those updates will come a day early, on Thursday 24 December and Thursday 31 December." """
        names = [holiday_phrase(holiday) for _, _, holiday in moved]
        actuals = [self.day(actual, weekday=True) for _, actual, _ in moved]
        if not self.gb:
            actuals = [self.day_mid(actual, weekday=True) for _, actual, _ in moved[:-1]] + actuals[-1:]
        early = all((scheduled - actual).days == 1 for scheduled, actual, _ in moved)
        when = ("a day early, on " if early else "on ") + self.join(actuals)
        weekdays = {scheduled.weekday() for scheduled, _, _ in moved}
        if len(weekdays) == 1 and len(set(names)) == len(names) and "a public holiday" not in names:
            both = "both " if len(moved) == 2 else "all "
            day = WEEKDAYS[moved[0][0].weekday()]
            return self.own(f"{self.join(names)} {both}fall on a {day}, so those updates will come {when}.")
        scheduled = [self.day(s, weekday=True) for s, _, _ in moved]
        if not self.gb:
            scheduled = [self.day_mid(s, weekday=True) for s, _, _ in moved[:-1]] + scheduled[-1:]
        return self.own(f"{self.join(scheduled)} are public holidays, so those updates will come {when}.")

    def calendar_sentences(self):
        """The one note on updates moved or skipped for a weekend or a public holiday."""
        plan = self.updates
        text = []
        named = [m for m in plan.moved if m[2]]
        if 2 <= len(plan.moved) <= 3 and len(named) == len(plan.moved):
            text.append(self.moved_sentence(plan.moved))
        elif len(plan.moved) == 1 and named:
            scheduled, actual, holiday = plan.moved[0]
            text.append(
                self.own(
                    "{scheduled} is {holiday}, so that update will come on {actual} instead.",
                    scheduled=self.day_mid(scheduled, weekday=True),
                    holiday=holiday_phrase(holiday),
                    actual=self.day_mid(actual, weekday=True),
                )
            )
        elif plan.moved and not named:
            text.append(self.own("When an update would fall on a weekend, it will come on the Friday before."))
        elif plan.moved:
            weekend = " a weekend or" if len(named) < len(plan.moved) else ""
            line = f"An update that would fall on{weekend} a public holiday will come on the working day before."
            text.append(self.own(line))
        before = [(day, holiday) for day, holiday in plan.skipped if plan.first and day < plan.first and holiday]
        if before:
            day, holiday = before[-1]
            values = {"day": self.day_mid(day, weekday=True), "next": self.day(plan.first, weekday=True)}
            line = "{day} is {holiday}, so the first update will come on {next}."
            text.append(self.own(line, holiday=holiday_phrase(holiday), **values))
        skipped = [(day, holiday) for day, holiday in plan.skipped if plan.first and day > plan.first]
        holidays = [(day, holiday) for day, holiday in skipped if holiday]
        if len(holidays) == 1:
            day, holiday = holidays[0]
            later = [d for d in plan.dates if d > day]
            if later:
                line = (
                    "{day} is {holiday}, so there will be no update that day; the next one, on {next}, will cover both."
                )
                values = {"day": self.day_mid(day, weekday=True), "next": self.day(later[0], weekday=True)}
                text.append(self.own(line, holiday=holiday_phrase(holiday), **values))
        elif holidays:
            text.append(self.own("An update that would fall on a public holiday will be folded into the next one."))
        return text

    # The offer.

    def offer_block(self):
        sentences = self.payment_offers() if self.payment else self.deliverable_offers()
        if not sentences:
            return None
        return Block(" ".join(sentences), roles=frozenset({"remedies"}))

    def discount_base(self, remedy):
        if remedy.description:
            return with_article(remedy.description)
        return {"project": "the project fee", "shipment": "this order", "service": "the price of this job"}[
            self.subkind
        ]

    def free_phrase(self, remedy, will="we will"):
        """Something extra, free, as an action: "we will add a set of stickers at no charge", "we will provide a week
        of support at no charge, with an engineer on call", "I will fit the sink temporarily …, free of charge"."""
        description = _bare(remedy.description)
        words = description.split()
        if words and words[0].lower() in ("the", "your", "our", "my"):
            phrase = MilestonePhrase(description)
            state = phrase.state.split()
            base = base_verb(state[0]) if state else ""
            if not base:
                return f"there will be no charge for {description}"
            action = " ".join([base, phrase.subject, *state[1:]])
        elif re.search(r"\bon loan\b", description):
            action = "lend you " + re.sub(r"\s*\bon loan\b", "", description, count=1)
        elif re.search(r"\b(temporar\w*|until|in the meantime)\b", description):
            action = f"offer you {description}"
        elif re.search(r"\b(support|maintenance|service|hypercare|training|consultation)\b", description):
            action = f"provide {description}"
        else:
            action = f"add {description}"
        head, comma, tail = action.partition(", ")
        if comma:
            action = f"{head} at no charge, {tail}"
        elif len(action.split()) > 7:
            action += ", free of charge"
        else:
            action += " at no charge"
        return f"{will} {action}".strip()

    def priority_sentence(self, priority, also=False):
        """ "We are also giving your order priority, with a dedicated press line as soon as the film is approved." """
        work = {"project": "this project", "shipment": "your order", "service": "this job"}[self.subkind]
        what = _bare(priority.description)
        joiner = " –" if " with " in f" {what} " else ", with"
        line = "We are " + ("also " if also else "") + "giving {work} priority" + joiner + " {what}."
        return self.own(line, work=work, what=what)

    def deliverable_offers(self):
        r, tone = self.remedies, self.tone
        text = []
        partial = r.get("partial_delivery")
        if partial and not self.early_partial() and not self.need_partial():
            verb = self.partial_verb(partial)
            line = "On {date}, we can " + self.already(partial) + "{verb} {what}."
            text.append(
                self.own(line, date=self.day(partial.date, weekday=True), verb=verb, what=_bare(partial.description))
            )
        discount, free = r.get("discount"), r.get("free_extra")
        if discount or free:
            gifts = []
            will = self.own("we would like to" if tone == "warm" else "we will")
            if discount:
                gifts.append(f"{will} take {self.percent(discount.percent)} off {self.discount_base(discount)}")
            if free:
                gifts.append(self.free_phrase(free, will="" if discount else will))
            lead = {
                "formal": "As a gesture of goodwill, {gifts}.",
                "warm": "To make up for the delay, {gifts}.",
                "concise": "To make up for the delay, {gifts}.",
            }[tone]
            joiner = ", and " if len(gifts) == 2 and gifts[1].startswith("there") else " and "
            text.append(self.own(lead, gifts=joiner.join(gifts)))
        priority = r.get("priority")
        if priority:
            text.append(self.priority_sentence(priority, also=bool(text)))
        return text

    def payment_offers(self):
        r, tone = self.remedies, self.tone
        text = []
        fee = r.get("late_fee_accepted")
        final = "with the payment"
        if "instalments" in r:
            final = self.own("with the final installment")
        elif "partial_payment" in r:
            final = "with the balance"
        if fee:
            of_course = {"formal": ", of course,", "warm": " of course", "concise": ""}[tone]
            if fee.amount is not None:
                line = "We will{of_course} pay the late fee of {amount} {final}."
                text.append(self.own(line, of_course=of_course, amount=self.money(fee.amount), final=final))
            elif fee.percent is not None:
                base = "the deferred amount" if self.subkind == "loan" else "the amount overdue"
                charge = "late-payment interest" if self.subkind == "loan" else "a late fee"
                line = "We will{of_course} pay {charge} of {percent} on {base}."
                text.append(
                    self.own(line, of_course=of_course, charge=charge, percent=self.percent(fee.percent), base=base)
                )
            else:
                line = {
                    "invoice": "We will{of_course} pay the late fee set out in your payment terms {final}.",
                    "rent": "If the {lease} sets a charge for late rent, we will{of_course} pay it {final}.",
                    "loan": "We understand that the late-payment interest set by the loan agreement applies to the "
                    "deferred amount, and we will pay it {final}."
                    if self.a.recipient.kind == "bank"
                    else "If the terms of the loan set any interest for late repayment, we will{of_course} pay it {final}.",
                }[self.subkind]
                lease = "tenancy agreement" if self.gb else "lease"
                text.append(self.own(line, of_course=of_course, final=final, lease=lease))
        guarantee = r.get("guarantee")
        if guarantee:
            text.append(
                self.own(
                    "As security, we can offer {what}.",
                    what=_bare(guarantee.description),
                )
            )
        return text

    # The close: updates and the invitation to reply.

    def closing_block(self):
        text = self.updates_sentences()
        roles = {"updates"} if text else set()
        text.append(self.invitation())
        roles.add("invite")
        return Block(" ".join(text), roles=frozenset(roles))

    def phone_phrase(self):
        phone = self.a.sender.phone
        if not phone:
            return ""
        return f" on {phone}" if self.gb else f" at {phone}"

    def invitation(self):
        tone, phone = self.tone, self.phone_phrase()
        if self.payment:
            if self.a.recipient.kind == "bank":
                text = {
                    "formal": "We would be grateful if you could confirm whether the bank can agree to {this}. If "
                    "you need any figures or documents to consider the request, we can send them the same day.",
                    "warm": "Please let us know whether the bank can agree to {this}, or {ring} if you would like to "
                    "talk it through.",
                    "concise": "Please confirm whether the bank can agree to {this}.",
                }[tone]
            else:
                text = {
                    "formal": "Please confirm whether this arrangement works for you; we would be glad to discuss "
                    "any change you would prefer.",
                    "warm": "Please let us know if this works for you, or {ring} if you would rather talk it over.",
                    "concise": "Please confirm whether this works for you.",
                }[tone]
            staged = "partial_payment" in self.remedies or "instalments" in self.remedies
            ring = self.own(("give us a ring" if self.gb else "give us a call") + phone)
            return self.own(text, phone=phone, ring=ring, this="this schedule" if staged else "this request")
        partial = self.remedies.get("partial_delivery")
        missed = self.c.needed_by and self.plan.new_deadline > self.c.needed_by
        missed = missed and not (partial and partial.date <= self.c.needed_by)
        if missed and tone != "concise":
            by = self.day(self.c.needed_by)
            text = "If it would help to talk about what we could deliver before {by}, please call us{phone}."
            return self.own(text, by=by, phone=phone)
        verb = "arrange" if self.gb else "set up"
        text = {
            "formal": "If you would like to discuss the revised schedule, we would be glad to {verb} a call.",
            "warm": "If the new date causes problems on your side, let us know and we will call you to talk it "
            "through.",
            "concise": "Please call us{phone} if you would like to discuss it.",
        }[tone]
        return self.own(text, verb=verb, phone=phone)

    # Follow-ups: a progress update and a completion notice.

    def progress_blocks(self):
        new = self.day(self.plan.new_deadline, weekday=True)
        thing = self.thing_with_reference(final=True)
        status = self.a.progress.status
        if status == "slipping":
            if self.payment:
                line = "Here is a short update on {thing}: paying the balance by {new} is at risk."
            else:
                line = "Here is a short update on {thing}: the work is running behind the plan, and {new} is at risk."
            line += " We are sorry for the uncertainty this causes."
            confirm = self.updates.first
            if confirm:
                line += " We will confirm the date, or propose a new one, by " + self.day(confirm, weekday=True) + "."
            else:
                line += " We will confirm the date, or propose a new one, as soon as we know."
        elif status == "done":
            if self.payment:
                line = "Here is a short update on {thing}: we are ready to pay the balance, at the latest by {new}."
            elif self.subkind == "service":
                line = "Here is a short update on {thing}: the work is finished, ahead of {new}."
            else:
                line = "Here is a short update on {thing}: the work is finished, and we will deliver it by {new} at the latest."
        elif self.payment:
            line = "Here is a short update on {thing}: we are on track to pay the balance by {new}."
        elif self.subkind == "service":
            line = "Here is a short update on {thing}: the work is on track for {new}."
        else:
            line = "Here is a short update on {thing}: we are on track to deliver on {new}."
        blocks = [Block(self.own(line, thing=thing, new=new), roles=frozenset({"opening", "new_date"}))]
        if self.a.progress.done:
            since = self.own("Since our last update: {done}", done=sentence(self.a.progress.done))
            blocks.append(Block(since, roles=frozenset({"milestones"})))
        done = [m for m in self.milestones() if m.date <= self.a.notice_date]
        coming = [m for m in self.milestones() if m.date > self.a.notice_date]
        text = self.payments_done()
        if len(done) == 1:
            phrase = MilestonePhrase(done[0].description)
            text.append(upper_first(phrase.past(self.day(done[0].date))) + ".")
        if len(coming) == 1:
            m = coming[0]
            phrase = MilestonePhrase(m.description)
            clause = phrase.future(self.day(m.date, weekday=True), self.by_date(m.date))
            text.append("Next, " + clause[:1].lower() + clause[1:] + ".")
        if len(done) >= 2:
            items = tuple(f"{self.day(m.date, weekday=True)}: {lower_first(tidy(m.description))}" for m in done)
            heading = "Done so far:" if status == "slipping" else "Done so far, on schedule:"
            blocks.append(Block(self.own(heading), items, frozenset({"milestones"})))
        if len(coming) >= 2:
            items = tuple(f"{self.day(m.date, weekday=True)}: {lower_first(tidy(m.description))}" for m in coming)
            blocks.append(Block(self.own("Still to come:"), items, frozenset({"milestones"})))
        if text:
            blocks.insert(2 if self.a.progress.done else 1, Block(" ".join(text), roles=frozenset({"milestones"})))
        close = []
        upcoming = [d for d in self.updates.dates if d > self.a.notice_date]
        if upcoming:
            close.append(self.own("Our next update will follow on {date}.", date=self.day(upcoming[0], weekday=True)))
        close.append(
            self.own("If anything has changed on your side, or you would like to discuss the plan, please call us.")
        )
        blocks.append(Block(" ".join(close), roles=frozenset({"invite"})))
        return tuple(blocks)

    def payments_done(self):
        text = []
        partial = self.remedies.get("partial_payment")
        if partial and partial.date <= self.a.notice_date:
            text.append(
                self.own(
                    "We paid {amount} on {date}, as agreed.",
                    amount=self.money(partial.amount),
                    date=self.day(partial.date),
                )
            )
        instalments = self.remedies.get("instalments")
        if instalments:
            paid = [i for i in instalments.schedule if i.date <= self.a.notice_date]
            due = [i for i in instalments.schedule if i.date > self.a.notice_date]
            if paid:
                text.append(
                    self.own(
                        "We have paid the installments due so far: {list}.",
                        list=self.join(f"{self.money(i.amount)} on {self.day(i.date)}" for i in paid),
                    )
                )
            if due:
                text.append(
                    self.own(
                        "The next one, {amount}, will follow on {date}.",
                        amount=self.money(due[0].amount),
                        date=self.day(due[0].date),
                    )
                )
        return text

    def completion_blocks(self):
        thing = self.thing_with_reference(final=True)
        values = {}
        if self.payment:
            of = "for" if self.subkind == "invoice" else "of"
            thing = self.thing_with_reference(f" {of} {self.money(self.c.amount.value)}")
            first = "We have now paid {thing} in full. Thank you for giving us the extra time."
        else:
            verb = "completed" if self.subkind == "service" else "delivered"
            first = "We have now {verb} {thing}. Thank you for your patience while we worked to the new date."
            values = {"verb": verb}
        blocks = [Block(self.own(first, thing=thing, **values), roles=frozenset({"opening"}))]
        if self.prevents_recurrence():
            blocks.append(
                Block(
                    self.own("The change we made after the delay stays in place: {measures}", measures=self.measures()),
                    roles=frozenset({"measures"}),
                )
            )
        if self.payment:
            close = "We are grateful for your flexibility. If you need anything further from us, please call us."
        else:
            close = (
                "It has been a pleasure to work on this with you, and we look forward to the next one. If anything "
                "needs adjusting, please call us."
            )
        blocks.append(Block(self.own(close), roles=frozenset({"invite"})))
        return tuple(blocks)

    def measures_sentence(self):
        """What changes so it does not happen again, with a word saying so when the user's sentence does not."""
        if not self.plan.measures:
            return ""
        text = sentence(self.plan.measures)
        lowered = f" {text.lower()} "
        if (
            self.tone == "concise"
            or not self.prevents_recurrence()
            or re.search(r"\b(again|from now on|in future)\b", lowered)
        ):
            return text
        lead = "To keep this from happening again" if self.tone == "formal" else "So that this does not happen again"
        if re.search(r"\bkeep", lowered):
            lead = "So that this does not happen again"
        return self.own(lead) + ", " + self.measures()

    def prevents_recurrence(self):
        """Whether the user's measures change how the work is done from now on (not only how this delay is
        recovered)."""
        lowered = f" {self.plan.measures.lower()} "
        return bool(re.search(r"\b(now|every|always|in future|from now on|before we|again)\b", lowered))

    def measures(self):
        text = sentence(self.plan.measures)
        first = text.split(" ", 1)[0]
        return text[0].lower() + text[1:] if first != "I" and is_common(first) else text

    # The chat message.

    def chat(self):
        if self.a.letter_type == "progress":
            return self.progress_chat()
        if self.a.letter_type == "completion":
            return self.completion_chat()
        return self.delay_chat()[0]

    def delay_chat(self):
        """The delay as one message, and the moves it makes; what matters least goes first when it runs long."""
        greeting = self.chat_greeting()
        news, ask = self.chat_news()
        news = after_greeting(news)
        cause, short_cause = self.chat_cause(), self.chat_cause(short=True)
        need, offer, invite = self.chat_need(), self.chat_offer(), self.chat_invite()
        candidates = [(news, cause, ask, need, offer, invite), (news, short_cause, ask, need, offer, invite)]
        candidates += [(news, short_cause, ask, need, offer, self.chat_invite(short=True))]
        # When the ask already offers part of the work, the extra offer goes before the invitation to reply.
        fewer = [(news, short_cause, ask, need, offer, ""), (news, short_cause, ask, need, "", invite)]
        candidates += fewer[::-1] if self.early_partial() else fewer
        candidates += [(news, "", ask, need, offer, invite), (news, "", ask, need, "", invite)]
        candidates += [(news, "", ask, "", offer, invite), (news, "", ask, "", "", invite)]
        for parts in candidates:
            news_, cause_, ask_, need_, offer_, invite_ = parts
            # A request says what the money was for before it asks; a delivery says what the new date means for it.
            ordered = (news_, cause_, need_, ask_) if self.payment else (news_, cause_, ask_, need_)
            text = " ".join([greeting, *(p for p in (*ordered, offer_, invite_) if p)])
            if len(text) <= CHAT_LIMIT:
                break
        news, cause, ask, need, offer, invite = parts
        made = {"cause": cause, "impact": need, "remedies": offer, "invite": invite}
        roles = {"opening", "apology", "new_date"} | {role for role, part in made.items() if part}
        return text, frozenset(roles)

    def chat_news(self):
        """(what is late, the new date or the ask), in the register of a message."""
        due = self.c.original_deadline
        values = {
            "on_original": self.chat_on(due),
            "original": self.chat_day(due),
            "new": self.chat_day(self.plan.new_deadline),
            "thing": self.chat_thing,
        }
        if self.payment:
            partial = self.remedies.get("partial_payment")
            instalments = self.remedies.get("instalments")
            values["pay"] = self.pay_verb(values["thing"])
            in_full = " in full" if partial else ""
            if self.a.is_late:
                values["Thing"] = values["thing"]
                news = "We are sorry – {Thing} was due {on_original}, and we still have not been able to {pay} it"
                news += in_full + "."
            else:
                thing = values["thing"]
                if partial:
                    full = thing.startswith("the ")
                    values["thing"] = "the full " + thing[4:] if full else thing
                    in_full = "" if full else in_full
                news = "We are sorry – we cannot {pay} {thing}" + in_full + " {on_original}."
            if partial:
                when = "on the day" if partial.date == due else self.chat_on(partial.date)
                rest = self.money(self.c.amount.value - partial.amount)
                ask = "We can send {amount} {when} and the other {rest} by {new}."
                values |= {"amount": self.money(partial.amount), "when": when, "rest": rest}
            elif instalments and len(instalments.schedule) > 1:
                ask = "Could we pay it in {n} installments instead, the last {on_last}?"
                values |= {
                    "n": number_words(len(instalments.schedule)),
                    "on_last": self.chat_on(instalments.schedule[-1].date),
                }
            else:
                ask = "Could you give us until {new}?"
        else:
            if self.a.is_late:
                news = {
                    "project": "We are sorry – we did not finish {thing} by {original}",
                    "shipment": "We are sorry – we did not get {thing} to you by {original}",
                    "service": "We are sorry – we did not get {thing} done by {original}",
                }[self.subkind] + ", and we should have warned you sooner."
            else:
                news = {
                    "project": "We are sorry – {thing} will not be ready {on_original} as planned.",
                    "shipment": "We are sorry – {thing} will not reach you {on_original} as planned.",
                    "service": "We are sorry – {thing} will not be done by {original} as planned.",
                }[self.subkind]
            ask = "The new date is {new}."
            early = self.early_partial()
            if early:
                verb = {"deliver": "get {what} to you", "get": "get {what}"}.get(
                    self.partial_verb(early), "get {what} done"
                )
                ask = "We can still " + verb + " {when}, and the rest by {new}."
                when = "that day" if early.date == due else self.chat_on(early.date)
                values |= {"what": _bare(early.description), "when": when}
        return self.own(news, contract=True, **values), self.own(ask, contract=True, **values)

    def chat_need(self):
        """What the new date means for what the reader needs it for, in a line (a delivery only)."""
        c = self.c
        if self.payment:
            return (
                self.own("We know you were counting on it for {need}.", contract=True, need=self.need())
                if c.needed_for
                else ""
            )
        if not (c.needed_for or c.needed_by):
            return ""
        new, by = self.plan.new_deadline, c.needed_by
        if not c.needed_for:
            if new <= by:
                return self.own("That’s still before {by}, when you need it.", contract=True, by=self.chat_day(by))
            return self.own("We know you needed it by {by}.", contract=True, by=self.chat_day(by))
        need = self.need()
        if by and new <= by:
            return self.own("That’s still in time for {need}.", contract=True, need=need)
        if by:
            return self.own("We know that’s too late for {need}.", contract=True, need=need)
        return self.own("We know this affects {need}.", contract=True, need=need)

    def chat_cause(self, short=False):
        """The cause in a message: the user's first sentence, cut at a clause break when it runs long (or when
        `short`), with no reference number in it."""
        explanation = self.a.cause.explanation
        if not explanation:
            return self.category_sentence()
        first = re.split(r"(?<=[.!?])\s+", tidy(explanation).strip())[0].rstrip(".")
        if short or len(first) > 220:
            # A clause that only describes ("…, which change the data model, …") goes first; what owns our part stays.
            aside = re.sub(r",\s+which\b[^,]*,(?=\s+and\b)", ",", first)
            cut = re.split(r",\s+(?=which|and|so|because|but|leaving|as|owing)\b", first)[0]
            if aside != first:
                first = aside
            elif len(cut) >= 40 and not (ADMISSION.search(first) and not ADMISSION.search(cut)):
                first = cut
        ref = tidy(self.c.reference)
        if ref and ref in first:
            words = [w for w in ref.split() if w.isalpha()]
            generic = "the " + " ".join(words).lower() if words else "the contract"
            first = first.replace(ref, generic)
        return sentence(first)

    def chat_offer(self):
        r = self.remedies
        if self.payment:
            guarantee = r.get("guarantee")
            if "partial_payment" in r:
                return ""
            if "late_fee_accepted" in r:
                return self.own("We will of course pay the late fee.", contract=True)
            if guarantee:
                return self.own("As security, we can offer {what}.", contract=True, what=_bare(guarantee.description))
            return ""
        partial = r.get("partial_delivery")
        if partial and self.early_partial():
            partial = None
        if partial:
            verb = self.partial_verb(partial)
            line = "{On_date}, we can " + self.already(partial) + "{verb} {what}."
            values = {
                "verb": verb,
                "what": _bare(partial.description),
                "On_date": upper_first(self.chat_on(partial.date)),
            }
            return self.own(line, contract=True, **values)
        discount, free, priority = r.get("discount"), r.get("free_extra"), r.get("priority")
        if discount:
            line = "To make up for it, we will take {percent} off {base}."
            return self.own(
                line, contract=True, percent=self.percent(discount.percent), base=self.discount_base(discount)
            )
        if free:
            return self.own("To make up for it, {gift}.", contract=True, gift=self.own(self.free_phrase(free), True))
        if priority:
            return self.own(self.priority_sentence(priority), contract=True)
        return ""

    def chat_invite(self, short=False):
        if short:
            return "Happy to talk it through."
        if self.individual:
            return self.own("Let me know if that works, or if you want to talk it through.", contract=True)
        return self.own("Happy to call if that is easier.", contract=True)

    def progress_chat(self):
        new = self.chat_day(self.plan.new_deadline)
        status = self.a.progress.status
        if status == "slipping":
            confirm = self.updates.first
            when = "by " + self.chat_day(confirm) if confirm else "as soon as we know"
            line = (
                (
                    "Quick update: we are sorry to say that paying the rest by {new} is at risk. We will confirm "
                    if self.payment
                    else "Quick update on {thing}: we are sorry to say the work is running behind, and {new} is at risk. We will confirm "
                )
                + when
                + "."
            )
        elif status == "done":
            line = (
                "Quick update: we are ready to pay the rest, by {new} at the latest."
                if self.payment
                else "Quick update: {thing} is finished, ahead of {new}."
            )
        elif self.payment:
            line = "Quick update: we are on track to pay the rest by {new}."
        else:
            line = "Quick update: we are on track with {thing} for {new}."
        text = [self.chat_greeting(), after_greeting(self.own(line, contract=True, thing=self.chat_thing, new=new))]
        invite = (
            "Let me know if you have any questions." if self.individual else "Happy to call if you have any questions."
        )
        text.append(self.own(invite, contract=True))
        return " ".join(text)

    def completion_chat(self):
        if self.payment:
            line = "We have now paid {thing} in full – thank you for giving us the extra time."
        else:
            verb = "finished" if self.subkind == "service" else "delivered"
            line = "We have now " + verb + " {thing} – thank you for bearing with us."
        thing = self.chat_thing.rstrip(",")
        text = [self.chat_greeting(), after_greeting(self.own(line, contract=True, thing=thing))]
        close = (
            "If you need anything else from us, just call us."
            if self.payment
            else "If anything needs adjusting, just call us."
        )
        text.append(self.own(close, contract=True))
        return " ".join(text)

    # Subject, layout and signature.

    def subject(self):
        title = self.subject_title()
        new = self.full_day(self.plan.new_deadline) if self.a.channel == "letter" else self.day(self.plan.new_deadline)
        kind = self.a.letter_type
        if kind == "progress":
            number = f" {self.a.progress.sequence}" if self.a.progress.sequence else ""
            news = {"slipping": f"{new} at risk", "done": "ready to pay" if self.payment else "work finished"}.get(
                self.a.progress.status, f"on track for {new}"
            )
            return f"Progress update{number} – {title}: {news}"
        if kind == "completion":
            return (
                f"{title} – paid in full"
                if self.payment
                else f"{title} – {'completed' if self.subkind == 'service' else 'delivered'}"
            )
        if self.payment:
            partial = self.remedies.get("partial_payment")
            if partial and self.a.channel != "letter" and self.tone != "formal" and "instalments" not in self.remedies:
                # "March rent – £600 on 1 March, the rest by 15 March"
                first = f"{self.money(partial.amount)} on {self.day(partial.date)}"
                return f"{title} – {first}, the rest by {self.day(self.plan.new_deadline)}"
            staged = partial or "instalments" in self.remedies
            lead = "Revised payment schedule" if staged else "Request for a new payment date"
            return f"{lead} – {title}"
        noun = "revised date" if self.subkind == "service" else "revised delivery date"
        if self.a.channel == "letter" and self.tone == "formal":
            return f"Notice of delay – {title}, {noun} {new}"
        return f"{title} – {noun.replace('revised', 'new')} {new}"

    def closing(self):
        channel, tone = self.a.channel, self.tone
        name, first = self.greeting_name()
        if channel == "letter" and not (tone == "warm" and first):
            if self.gb:
                return ("Yours sincerely,",) if name else ("Yours faithfully,",)
            return ("Sincerely,",)
        if tone == "warm":
            sign = "Best wishes," if self.gb else "Warm regards,"
            given = self.sender_first_name()
            return (sign, given) if given and channel == "email" else (sign,)
        return ("Kind regards,",)

    def sender_first_name(self):
        """An individual signs a warm email with the first name; a name that may put the family name first
        (Wang Lei, Nguyễn Thị Tâm) is not split."""
        words = self.a.sender.name.split()
        if not self.individual or len(words) < 2 or not words[0].isascii():
            return ""
        return "" if words[0].lower() in FAMILY_NAMES else words[0]

    def contact_line(self):
        sender = self.a.sender
        return " · ".join(x for x in (sender.phone, sender.email) if x)

    def signature(self):
        sender = self.a.sender
        lines = [sender.name, tidy(sender.title) if sender.title else ""]
        if not self.individual:
            lines.append(sender.organization)
        lines.append(self.contact_line())
        return tuple(x for x in lines if x)

    def letterhead(self):
        sender = self.a.sender
        lines = [sender.organization if not self.individual else sender.name]
        lines.append(" · ".join(sender.address.splitlines()))
        lines.append(self.contact_line())
        return tuple(x for x in lines if x)

    def inside_address(self):
        r = self.a.recipient
        name = r.name
        if name and r.honorific in ("mr", "ms") and self.latin_name():
            name = f"{self.courtesy()} {name}"
        lines = [name, tidy(r.title) if r.title else "", r.organization, *r.address.splitlines()]
        return tuple(x for x in lines if x)

    def letter(self):
        a = self.a
        kind = a.letter_type
        chat = self.chat()
        if kind == "progress":
            blocks = self.progress_blocks()
        elif kind == "completion":
            blocks = self.completion_blocks()
        else:
            blocks = self.delay_blocks()
        common = {
            "language": "en",
            "variant": "GB" if self.gb else "US",
            "channel": a.channel,
            "kind": a.kind,
            "subject": self.subject(),
            "salutation": self.salutation(),
            "blocks": blocks,
            "closing": self.closing(),
            "signature": self.signature(),
            "chat": chat,
            "sender": a.sender,
            "recipient": a.recipient,
            "date_position": "none",
        }
        if a.channel == "chat":
            roles = self.delay_chat()[1] if kind == "delay" else frozenset({"opening", "new_date", "invite"})
            common |= {"blocks": (Block(chat, roles=roles),), "salutation": "", "closing": (), "signature": ()}
            return Letter(**common)
        if a.channel == "email":
            return Letter(**common)
        return Letter(
            **common
            | {
                "letterhead": self.letterhead(),
                "date_line": self.full_day(a.notice_date),
                "date_position": "top",
                "inside_address": self.inside_address(),
                "subject_label": "Subject:",
            }
        )
