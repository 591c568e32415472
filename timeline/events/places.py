"""Countries of the world, their other names and demonyms, and some cities.

Data plus look-up tables built at import. Canonical names are the short English names
in everyday use ("United States", "South Korea", "Vietnam"); every variant a
text may use maps to one of them.
"""

from __future__ import annotations

# Canonical name, then the other names that mean the same country.
_COUNTRIES = """
Afghanistan | Albania | Algeria | Andorra | Angola | Antigua and Barbuda | Argentina |
Armenia | Australia | Austria | Azerbaijan | Bahamas; The Bahamas | Bahrain | Bangladesh |
Barbados | Belarus | Belgium | Belize | Benin | Bhutan | Bolivia | Bosnia and Herzegovina |
Botswana | Brazil | Brunei; Brunei Darussalam | Bulgaria | Burkina Faso | Burundi |
Cambodia | Cameroon | Canada | Cape Verde; Cabo Verde | Central African Republic | Chad |
Chile | China; People's Republic of China; People’s Republic of China; PRC | Colombia |
Comoros | Congo; Republic of the Congo | Democratic Republic of the Congo; DRC; DR Congo |
Costa Rica | Croatia | Cuba | Cyprus | Czech Republic; Czechia | Denmark | Djibouti |
Dominica | Dominican Republic | Ecuador | Egypt | El Salvador | Equatorial Guinea |
Eritrea | Estonia | Eswatini; Swaziland | Ethiopia | Fiji | Finland | France | Gabon |
Gambia; The Gambia | Georgia | Germany | Ghana | Greece | Grenada | Guatemala | Guinea |
Guinea-Bissau | Guyana | Haiti | Honduras | Hungary | Iceland | India | Indonesia |
Iran; Islamic Republic of Iran | Iraq | Ireland | Israel | Italy | Ivory Coast;
Côte d'Ivoire; Cote d'Ivoire | Jamaica | Japan | Jordan | Kazakhstan | Kenya | Kiribati |
Kosovo | Kuwait | Kyrgyzstan | Laos; Lao PDR; Lao People's Democratic Republic | Latvia |
Lebanon | Lesotho | Liberia | Libya | Liechtenstein | Lithuania | Luxembourg | Madagascar |
Malawi | Malaysia | Maldives | Mali | Malta | Marshall Islands | Mauritania | Mauritius |
Mexico | Micronesia | Moldova | Monaco | Mongolia | Montenegro | Morocco | Mozambique |
Myanmar; Burma | Namibia | Nauru | Nepal | Netherlands; The Netherlands | New Zealand |
Nicaragua | Niger | Nigeria | North Korea; DPRK; Democratic People's Republic of Korea |
North Macedonia; Macedonia | Norway | Oman | Pakistan | Palau | Palestine | Panama |
Papua New Guinea; PNG | Paraguay | Peru | Philippines; The Philippines | Poland | Portugal |
Qatar | Romania | Russia; Russian Federation | Rwanda | Saint Kitts and Nevis |
Saint Lucia | Saint Vincent and the Grenadines | Samoa | San Marino |
Sao Tome and Principe | Saudi Arabia | Senegal | Serbia | Seychelles | Sierra Leone |
Singapore | Slovakia | Slovenia | Solomon Islands | Somalia | South Africa |
South Korea; Republic of Korea; ROK; Korea | South Sudan | Spain | Sri Lanka | Sudan |
Suriname | Sweden | Switzerland | Syria; Syrian Arab Republic | Taiwan | Tajikistan |
Tanzania | Thailand | Timor-Leste; Timor Leste; East Timor | Togo | Tonga |
Trinidad and Tobago | Tunisia | Turkey; Türkiye | Turkmenistan | Tuvalu | Uganda |
Ukraine | United Arab Emirates; UAE | United Kingdom; UK; Great Britain; Britain |
United States; United States of America; USA; US; U.S.; U.S.A. | Uruguay | Uzbekistan |
Vanuatu | Vatican City; Holy See | Venezuela | Vietnam; Viet Nam | Yemen | Zambia |
Zimbabwe
"""

_DEMONYMS = """
Afghan: Afghanistan | American: United States | Australian: Australia |
Bangladeshi: Bangladesh | British: United Kingdom | Bruneian: Brunei |
Cambodian: Cambodia | Canadian: Canada | Chinese: China | Dutch: Netherlands |
Fijian: Fiji | Filipino: Philippines | Philippine: Philippines | French: France |
German: Germany | Indian: India | Indonesian: Indonesia | Iranian: Iran | Iraqi: Iraq |
Japanese: Japan | Jordanian: Jordan | Korean: South Korea | Lao: Laos | Laotian: Laos |
Malaysian: Malaysia | Maldivian: Maldives | Mongolian: Mongolia | Myanmar: Myanmar |
Nepalese: Nepal | Nepali: Nepal | New Zealander: New Zealand | Pakistani: Pakistan |
Russian: Russia | Singaporean: Singapore | Sri Lankan: Sri Lanka | Thai: Thailand |
Turkish: Turkey | Vietnamese: Vietnam | Italian: Italy | Spanish: Spain |
Mexican: Mexico | Brazilian: Brazil | Egyptian: Egypt | Nigerian: Nigeria |
Kenyan: Kenya | Saudi: Saudi Arabia | Syrian: Syria | Israeli: Israel |
Palestinian: Palestine | Ukrainian: Ukraine | Polish: Poland | Swedish: Sweden |
Norwegian: Norway | Danish: Denmark | Finnish: Finland | Greek: Greece | Irish: Ireland |
Swiss: Switzerland | Austrian: Austria | Belgian: Belgium | Portuguese: Portugal |
Timorese: Timor-Leste | Samoan: Samoa | Tongan: Tonga | Papua New Guinean: Papua New Guinea
"""

# Cities a title should not swallow ("Meeting ... in Sydney"): capitals and the
# large cities where international meetings are held.
CITIES = frozenset("""
Abu Dhabi|Accra|Addis Ababa|Amman|Amsterdam|Ankara|Athens|Auckland|Baghdad|Bali|Bangkok|
Barcelona|Beijing|Beirut|Berlin|Bern|Bogota|Brasilia|Brisbane|Brussels|Bucharest|Budapest|
Buenos Aires|Cairo|Canberra|Cape Town|Caracas|Chicago|Colombo|Copenhagen|Dakar|Darwin|
Delhi|Dhaka|Doha|Dubai|Dublin|Geneva|Hanoi|Havana|Helsinki|Ho Chi Minh City|Hong Kong|
Islamabad|Istanbul|Jakarta|Jerusalem|Johannesburg|Kabul|Kathmandu|Kiev|Kyiv|Kuala Lumpur|
Lagos|Lima|Lisbon|London|Los Angeles|Madrid|Male|Manila|Melbourne|Mexico City|Montreal|
Moscow|Mumbai|Nairobi|New Delhi|New York|Oslo|Ottawa|Paris|Perth|Phnom Penh|Port Moresby|
Prague|Rabat|Riyadh|Rome|San Francisco|Santiago|Sao Paulo|Seoul|Shanghai|Singapore|Stockholm|
Suva|Sydney|Taipei|Tehran|Tokyo|Toronto|Tunis|Vienna|Vientiane|Warsaw|Washington|Wellington|
Yangon|Zurich|Dili|Port Vila|Honiara|Nuku'alofa|Apia|Bandar Seri Begawan|Naypyidaw
""".replace("\n", "").split("|"))


def _spellings() -> list[tuple[str, str]]:
    """Every country name, variant and demonym as written → canonical name."""
    pairs: list[tuple[str, str]] = []
    for entry in _COUNTRIES.replace("\n", " ").split("|"):
        names = [" ".join(n.split()) for n in entry.split(";") if n.strip()]
        pairs += [(name, names[0]) for name in names]
    for entry in _DEMONYMS.replace("\n", " ").split("|"):
        demonym, country = (" ".join(p.split()) for p in entry.split(":"))
        pairs.append((demonym, country))
    return pairs


_SPELLINGS = _spellings()
COUNTRY_NAMES: dict[str, str] = {name.lower(): canonical for name, canonical in _SPELLINGS}


def _by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First word of every spelling (as written and in capitals) → the
    spellings' words and canonical names, longest first; for matching on
    tokens, where a trailing full stop is a token of its own ("U.S.")."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, canonical in _SPELLINGS:
        for form in {name, name.upper()}:
            words = tuple(form.rstrip(".").split())
            table.setdefault(words[0], []).append((words, canonical))
    return {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in table.items()}


COUNTRY_FIRST_WORDS = _by_first_word()


def is_place(name: str) -> bool:
    """Whether ``name`` (a capitalised word run) names a country or a known city."""
    tidy = " ".join(name.split())
    return tidy in CITIES or tidy.lower() in COUNTRY_NAMES
