"""Nations by their words: demonyms, nationality nouns, country aliases and display names.

Data, not logic, so that a change of vocabulary never touches extraction code.
"""

from __future__ import annotations

#: Demonym (and adjective) → country name as used by :mod:`kg.extract.countries`.
DEMONYMS: dict[str, str] = {
    "american": "United States", "u.s.": "United States", "russian": "Russia",
    "ukrainian": "Ukraine", "british": "United Kingdom", "english": "United Kingdom",
    "french": "France", "german": "Germany", "italian": "Italy", "spanish": "Spain",
    "portuguese": "Portugal", "dutch": "Netherlands", "belgian": "Belgium",
    "swedish": "Sweden", "norwegian": "Norway", "danish": "Denmark", "finnish": "Finland",
    "polish": "Poland", "czech": "Czechia", "slovak": "Slovakia", "hungarian": "Hungary",
    "romanian": "Romania", "bulgarian": "Bulgaria", "greek": "Greece", "turkish": "Turkey",
    "austrian": "Austria", "swiss": "Switzerland", "irish": "Ireland", "estonian": "Estonia",
    "latvian": "Latvia", "lithuanian": "Lithuania", "belarusian": "Belarus",
    "moldovan": "Moldova", "georgian": "Georgia", "armenian": "Armenia",
    "azerbaijani": "Azerbaijan", "chinese": "China", "japanese": "Japan",
    "korean": "South Korea", "south korean": "South Korea", "north korean": "North Korea",
    "indian": "India", "pakistani": "Pakistan", "afghan": "Afghanistan", "iranian": "Iran",
    "iraqi": "Iraq", "syrian": "Syria", "israeli": "Israel", "palestinian": "Palestine",
    "lebanese": "Lebanon", "jordanian": "Jordan", "egyptian": "Egypt", "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates", "qatari": "Qatar", "yemeni": "Yemen",
    "canadian": "Canada", "mexican": "Mexico", "brazilian": "Brazil",
    "argentine": "Argentina", "argentinian": "Argentina", "chilean": "Chile",
    "colombian": "Colombia", "venezuelan": "Venezuela", "peruvian": "Peru",
    "cuban": "Cuba", "australian": "Australia", "new zealand": "New Zealand",
    "south african": "South Africa", "nigerian": "Nigeria", "kenyan": "Kenya",
    "ethiopian": "Ethiopia", "sudanese": "Sudan", "libyan": "Libya", "tunisian": "Tunisia",
    "moroccan": "Morocco", "algerian": "Algeria", "indonesian": "Indonesia",
    "vietnamese": "Vietnam", "thai": "Thailand", "filipino": "Philippines",
    "malaysian": "Malaysia", "singaporean": "Singapore", "taiwanese": "Taiwan",
    "serbian": "Serbia", "croatian": "Croatia", "bosnian": "Bosnia and Herzegovina",
    "slovenian": "Slovenia", "albanian": "Albania", "kazakh": "Kazakhstan",
    "uzbek": "Uzbekistan", "icelandic": "Iceland", "scottish": "United Kingdom",
    "welsh": "United Kingdom", "kosovar": "Kosovo", "bangladeshi": "Bangladesh",
    "sri lankan": "Sri Lanka", "nepali": "Nepal", "burmese": "Myanmar",
    "ghanaian": "Ghana", "congolese": "Congo", "somali": "Somalia", "rwandan": "Rwanda",
    "ugandan": "Uganda", "tanzanian": "Tanzania", "zimbabwean": "Zimbabwe",
}


#: Nouns for a person of a nation, written before a name ("Frenchman Romain Grosjean",
#: "Briton Lewis Hamilton"): the name after one is a person's.
NATIONALITY_NOUNS: frozenset[str] = frozenset(
    """frenchman frenchwoman englishman englishwoman briton brit scot scotsman scotswoman
    welshman welshwoman irishman irishwoman dutchman dutchwoman spaniard swede dane finn
    pole turk kiwi aussie""".split()
)


#: Extra surface forms of countries that pycountry does not list.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "usa": "United States", "u.s.a.": "United States", "america": "United States",
    "united states of america": "United States", "the united states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "england": "United Kingdom",
    "russian federation": "Russia", "south korea": "South Korea", "north korea": "North Korea",
    "iran": "Iran", "syria": "Syria", "vietnam": "Vietnam", "turkey": "Turkey",
    "türkiye": "Turkey", "czech republic": "Czechia", "holland": "Netherlands",
    "the netherlands": "Netherlands", "uae": "United Arab Emirates",
    "prc": "China", "mainland china": "China", "taiwan": "Taiwan", "palestine": "Palestine",
    "kosovo": "Kosovo", "ivory coast": "Côte d'Ivoire", "drc": "Congo",
}


#: Display names for countries whose pycountry common name is not the newsroom one.
COUNTRY_DISPLAY: dict[str, str] = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "KR": "South Korea",
    "KP": "North Korea", "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "TR": "Turkey",
    "TW": "Taiwan", "PS": "Palestine", "MD": "Moldova", "VE": "Venezuela", "BO": "Bolivia",
    "TZ": "Tanzania", "LA": "Laos", "CD": "Congo", "CZ": "Czechia", "FM": "Micronesia",
    "XK": "Kosovo",
}


#: Region words that turn a demonym into a region ("North American sales"), not a country.
REGION_PREFIXES: frozenset[str] = frozenset(
    "North South East West Central Latin Northern Southern Eastern Western".split()
)
