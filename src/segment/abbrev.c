/*
 * abbrev.c — static word lists for the segmenter: abbreviations by kind,
 * sentence starters and verbs of saying.  Each table is sorted by byte
 * value (test_segment.c checks it) and searched by bisection.
 */
#include <string.h>

#include "seg_internal.h"

/* Titles and reference abbreviations: a name or number follows, so they
 * never end a sentence. */
static const char *const abbr_title[] = {
    "Adm.", "Ald.", "Amb.", "Art.", "Arts.", "Assemblyman.", "Atty.", "Brig.", "Capt.", "Cdr.",
    "Ch.", "Cmdr.", "Cmdt.", "Col.", "Cpl.", "Del.", "Det.", "Dr.", "Drs.", "Ex.", "Fig.",
    "Figs.", "Fr.", "Ft.", "Gen.", "Gens.", "Gov.", "Govs.", "Hon.", "Insp.", "Lieut.", "Lt.",
    "Maj.", "Messrs.", "Mme.", "Mr.", "Mrs.", "Ms.", "Msgr.", "Mt.", "No.", "Nos.", "Op.",
    "Para.", "Pfc.", "Pres.", "Prof.", "Pte.", "Pvt.", "Rep.", "Reps.", "Rev.", "Rs.", "Rt.", "Sec.",
    "Secy.", "Sen.", "Sens.", "Sgt.", "Spc.", "Sta.", "Ste.", "Supt.", "Vol.", "Vols.", "p.",
    "pp.",
};

/* Latin and other mid-sentence abbreviations: never end a sentence. */
static const char *const abbr_mid[] = {
    "approx.", "c.", "ca.", "cf.", "e.g.", "esp.", "et.", "i.e.", "ibid.", "incl.", "resp.",
    "v.", "viz.", "vs.",
};

/* Abbreviations that may end a sentence (company suffixes, states, months,
 * units, a.m./p.m.): the sentence ends when a sentence starter follows. */
static const char *const abbr_end[] = {
    "A.G.", "Ala.", "Apr.", "Ariz.", "Ark.", "Assn.", "Aug.", "Ave.", "Bhd.", "Blvd.", "Bros.",
    "Calif.", "Co.", "Colo.", "Conn.", "Corp.", "Cos.", "D.C.", "Dec.", "Dept.", "E.U.", "Feb.",
    "Fla.", "Fri.", "Ga.", "Govt.", "Hwy.", "Ill.", "Inc.", "Ind.", "Intl.", "Jan.", "Jr.",
    "Jul.", "Jun.", "Kan.", "Ky.", "L.L.C.", "LLC.", "La.", "Ltd.", "Mar.", "Mass.", "Md.",
    "Mich.", "Minn.", "Miss.", "Mo.", "Mon.", "Mont.", "N.V.", "Natl.", "Neb.", "Nev.", "Nov.",
    "Oct.", "Okla.", "Ore.", "PLC.", "Pa.", "Penn.", "Ph.D.", "Plc.", "Pty.", "Rd.", "S.A.",
    "Sat.", "Sep.", "Sept.", "Sq.", "Sr.", "St.", "Sun.", "Tenn.", "Tex.", "Thu.", "Thur.",
    "Thurs.", "Tue.", "Tues.", "U.K.", "U.N.", "U.S.", "Univ.", "Va.", "Vt.", "Wash.", "Wed.",
    "Wis.", "Wyo.", "a.m.", "al.", "bln.", "est.", "ft.", "hr.", "hrs.", "kg.", "km.", "lb.",
    "lbs.", "max.", "mi.", "min.", "mln.", "oz.", "p.m.", "pct.", "sq.", "yr.", "yrs.",
};

/* Capitalised words that commonly open a sentence. */
static const char *const starters[] = {
    "A", "About", "According", "Across", "After", "Against", "Ahead", "All", "Also", "Although",
    "Amid", "Among", "An", "And", "Another", "Any", "Anyone", "As", "At", "Because", "Before",
    "Both", "But", "By", "Critics", "Despite", "Did", "Do", "Does", "During", "Each", "Earlier",
    "Either", "Elsewhere", "Even", "Every", "Few", "Finally", "First", "Following", "For",
    "From", "Further", "Furthermore", "Given", "Has", "Have", "He", "Her", "Here", "Hers",
    "His", "How", "However", "I", "If", "In", "Including", "Indeed", "Instead", "Into", "Is",
    "It", "Its", "Last", "Later", "Less", "Let", "Many", "Meanwhile", "More", "Moreover",
    "Most", "Much", "My", "Nearly", "Neither", "Never", "Nevertheless", "Next", "No", "None",
    "Nonetheless", "Nor", "Not", "Nothing", "Now", "Of", "On", "Once", "One", "Only", "Or",
    "Other", "Others", "Our", "Over", "Overall", "Perhaps", "Police", "Rather", "Regardless",
    "Separately", "She", "Since", "Some", "Someone", "Something", "Soon", "Still", "Such",
    "That", "The", "Their", "Then", "There", "Therefore", "These", "They", "This", "Those",
    "Though", "Three", "Thus", "To", "Today", "Together", "Tomorrow", "Two", "Under", "Unless",
    "Until", "Upon", "We", "Were", "What", "Whatever", "When", "Where", "Whether", "Which",
    "While", "Who", "Whom", "Whose", "Why", "With", "Within", "Without", "Yesterday", "Yet",
    "You", "Your",
};

/* Capitalised function words that open the text after a run-in heading:
 * starters that are no name's first word ("Most", "Police" and "Today"
 * can be), no surname ("quoted He as saying") nor a letter grade
 * ("vitamin A is"). */
static const char *const runin[] = {
    "According", "After", "Although", "Amid", "An", "As", "But", "Despite", "During",
    "However", "In", "It", "Meanwhile", "On", "She", "Since", "The", "These", "They", "This",
    "Those", "We", "When", "While",
};

/* Verbs of saying in attributions after a quotation ("Why?" Smith asked.). */
static const char *const speech_verbs[] = {
    "acknowledged", "added", "adds", "answered", "argued", "asked", "asks", "conceded",
    "continued", "cried", "declared", "demanded", "exclaimed", "explained", "insisted", "joked",
    "noted", "observed", "pleaded", "posted", "quipped", "recalled", "remarked", "replied",
    "responded", "said", "say", "says", "shouted", "stated", "tells", "told", "tweeted",
    "urged", "warned", "wondered", "writes", "wrote", "yelled",
};

static int cmp_slice(const char *a, const char *p, size_t n) {
    size_t an = strlen(a);
    int c = memcmp(a, p, an < n ? an : n);
    if (c) return c;
    return an < n ? -1 : an > n ? 1 : 0;
}

static bool in_table(const char *const *t, size_t nt, const char *p, size_t n) {
    size_t lo = 0, hi = nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_slice(t[mid], p, n);
        if (!c) return true;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

#define IN(t, p, n) in_table((t), sizeof(t) / sizeof((t)[0]), (p), (n))

/* Letters separated by periods, one or two per group, e.g. U.S. a.m. Ph.D. */
static bool dotted(const char *p, size_t n) {
    size_t groups = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '.') {
            if (run == 0 || run > 2) return false;
            groups++;
            run = 0;
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            run++;
        } else {
            return false;
        }
    }
    return run == 0 && groups >= 2;
}

int dy_seg_abbrev(const char *p, size_t n) {
    if (n < 2 || p[n - 1] != '.') return DY_TK_WORD;
    if (n == 4 && !memcmp(p, "etc.", 4)) return DY_TK_ABBR_ETC;
    if (IN(abbr_title, p, n)) return DY_TK_ABBR_TITLE;
    if (IN(abbr_mid, p, n)) return DY_TK_ABBR_MID;
    if (IN(abbr_end, p, n)) return DY_TK_ABBR_END;
    if (dotted(p, n)) return DY_TK_ABBR_END;
    /* A single capital: an initial (George W. Bush). */
    size_t l;
    uint32_t c = dy_u8dec((const unsigned char *)p, n - 1, &l);
    if (l == n - 1 && dy_seg_upper(c)) return DY_TK_ABBR_INITIAL;
    return DY_TK_WORD;
}

bool dy_seg_starter(const char *p, size_t n) { return IN(starters, p, n); }
bool dy_seg_runin(const char *p, size_t n) { return IN(runin, p, n); }
bool dy_seg_speech_verb(const char *p, size_t n) { return IN(speech_verbs, p, n); }

/* For the unit test: each table sorted, no duplicates. */
bool dy_seg_tables_sorted(void);
bool dy_seg_tables_sorted(void) {
    const char *const *t[] = {abbr_title, abbr_mid, abbr_end, starters, speech_verbs, runin};
    size_t nt[] = {sizeof abbr_title / sizeof *abbr_title, sizeof abbr_mid / sizeof *abbr_mid,
                   sizeof abbr_end / sizeof *abbr_end, sizeof starters / sizeof *starters,
                   sizeof speech_verbs / sizeof *speech_verbs, sizeof runin / sizeof *runin};
    for (size_t k = 0; k < 6; k++)
        for (size_t i = 1; i < nt[k]; i++)
            if (strcmp(t[k][i - 1], t[k][i]) >= 0) return false;
    return true;
}
