"""Our own data tables for generated customers: names, streets, companies, texts, prefixes.

Plain tuples, so that fixtures are the same on every machine whatever Faker version is installed
(the Hypothesis strategies add Faker's ``no_NO`` name lists on top of these). The first entry of
each table is the simplest one, because Hypothesis shrinks a choice towards the first entry.
"""

from __future__ import annotations

__all__ = [
    "ADDRESS_LINE2",
    "BANK_REGISTER_PREFIXES",
    "COMPANY_FORMS",
    "COMPANY_TRADES",
    "COMPANY_WORDS",
    "CURRENCIES",
    "CUSTOMER_GROUP_CODES",
    "EMAIL_DOMAINS",
    "FALLBACK_POSTAL_PLACES",
    "FEMALE_NAMES",
    "FIXED_LINE_PREFIXES",
    "FOREIGN_ADDRESSES",
    "FREE_TEXTS",
    "LANGUAGES",
    "MALE_NAMES",
    "MEMOS",
    "MOBILE_PREFIXES",
    "NORWAY_COUNTRY_TEXTS",
    "ORG_MAILBOXES",
    "REFERENCES",
    "STREET_STEMS",
    "STREET_SUFFIXES",
    "SURNAMES",
    "USER_IDS",
]

# fmt: off
MALE_NAMES = (
    "Ola", "Per", "Lars", "Knut", "Bjørn", "Øyvind", "Kåre", "Jørgen", "Håkon", "Tor", "Eirik",
    "Nils", "Terje", "Magnus", "Jakob", "Aleksander", "Øystein", "Trygve", "Geir", "Bård", "Dag",
    "Åsmund", "Ørjan", "Sindre", "Henrik", "Mathias", "Sverre", "Mohammed", "Jonas", "Stian",
    "Vegard", "Espen", "Torbjørn", "Halvor", "Sigurd", "Ståle", "Gaute", "Even", "Ivar", "Arne",
)
FEMALE_NAMES = (
    "Kari", "Anne", "Ingrid", "Solveig", "Åse", "Marit", "Siri", "Liv", "Målfrid", "Gøril",
    "Hege", "Nora", "Emma", "Sofie", "Ida", "Ragnhild", "Tone", "Randi", "Frøydis", "Gro",
    "Signe", "Synnøve", "Astrid", "Bodil", "Kjersti", "Maja", "Ingeborg", "Thea", "Aisha",
    "Torunn", "Eli", "Berit", "Åshild", "Sølvi", "Dagny", "Vigdis", "Hanne", "Linnéa", "Mia",
)
SURNAMES = (
    "Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
    "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen",
    "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Lund",
    "Sørensen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide",
    "Knutsen", "Bakken", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Solheim", "Nygård",
    "Holm", "Lien", "Sæther", "Aas", "Myhre", "Ahmed", "Haugland", "Rønning", "Næss", "Vik",
    "Birkeland", "Ruud", "Strøm", "Myklebust", "Tangen", "Ødegård", "Øien", "Østby", "Aune",
    "Våge", "Løken", "Bråten", "Brække", "Grønli", "Høgli", "Kowalski", "Fjørtoft", "Bø",
    "Åsheim", "Kvåle", "Lønning", "Grøtting",
)
STREET_STEMS = (
    "Skole", "Kirke", "Park", "Strand", "Bjørke", "Gran", "Furu", "Eike", "Linde", "Rogn",
    "Lyng", "Sjø", "Fjord", "Stasjons", "Industri", "Mølle", "Solbakke", "Ås", "Tun", "Smie",
    "Bekke", "Elve", "Skog", "Myr", "Måke", "Ørne", "Kongs", "Dronning", "Tømmer", "Løvås",
    "Bråte", "Sæter", "Fossum", "Grønn", "Hav", "Nordre", "Søndre", "Østre", "Vestre", "Øvre",
)
STREET_SUFFIXES = (
    "veien", "gata", "vegen", "bakken", "stien", "lia", "svingen", "tunet", "åsen", "løkka",
    "haugen", "jordet", "kroken",
)
ADDRESS_LINE2 = (
    "Leilighet H0{n}01", "{n}. etasje", "Inngang B", "Att.: Regnskap", "Bygg {n}", "Hybel {n}",
)
COMPANY_WORDS = (
    "Nordlys", "Fjord", "Fjell", "Havbris", "Polar", "Vestland", "Midtnorsk", "Trønder",
    "Sørlandets", "Viken", "Tind", "Brevik", "Lofoten", "Varanger", "Hardanger", "Glomma",
    "Mjøsa", "Østfold", "Fosen", "Jæren", "Sogn", "Ålesund", "Tromsø", "Bodø", "Kløfta",
)
COMPANY_TRADES = (
    "Bygg", "Rør", "Elektro", "Regnskap", "Eiendom", "Transport", "Maskin", "Handel", "Konsult",
    "Data", "Frisør", "Bakeri", "Tannlegesenter", "Sjømat", "Auto", "Maling", "Snekkeri",
    "Blomster", "Rørlegger", "Kjøkken & Bad",
)
COMPANY_FORMS = ("AS", "ASA", "ANS", "DA", "SA", "AS", "AS")
ORG_MAILBOXES = ("post", "faktura", "regnskap", "firmapost", "kontakt", "okonomi", "innkjop")

# Domains under example.com/.net/.org (RFC 2606): e-mail generated for test environments must
# never reach a real mailbox (ARM e-mails invoices to these addresses).
EMAIL_DOMAINS = (
    "example.com", "example.org", "example.net", "post.example.com", "epost.example.net",
    "online.example.com", "firma.example.org", "kommune.example.net",
)
USER_IDS = ("TestUser", "erp-integration", "api-user", "migration", "svc-arm-sync")
CUSTOMER_GROUP_CODES = ("VIP", "A", "B", "STANDARD", "PRIVAT", "BEDRIFT", "OFFENTLIG")
LANGUAGES = ("no", "nb", "nn", "en", "sv", "da", "de", "fi", "pl", "se")
CURRENCIES = ("NOK", "EUR", "SEK", "DKK", "USD", "GBP")
REFERENCES = ("ARMref", "OA", "Innkjøp", "PO-4411", "Avd. Øst", "Prosjekt 17", "Kari N.")
NORWAY_COUNTRY_TEXTS = ("Norge", "Norway", "NORGE")
MEMOS = (
    "Agreed with customer",
    "Avtalt med kunden",
    "Betalingsutsettelse innvilget",
    "Nedbetalingsplan — se sak 4411",
    "Kunden er innlagt på sykehus",
    "Venter på kreditnota",
    "Tvist om faktura, «under behandling»",
)
FREE_TEXTS = (
    "Happy holidays!",
    "God jul og godt nytt år!",
    "Takk for handelen 😊",
    "Faktura sendes på e-post",
    "Husk å oppgi KID ved betaling",
    "Zahlung vereinbart – mit freundlichen Grüßen",
    "Płatność uzgodniona z klientem",
    "Спасибо за покупку",
    "感谢您的惠顾",
    "شكرا لتعاملكم معنا",
    "Linje 1\nLinje 2",
    "Ærlig talt: Ørsmå åtti øre!",
)

# Mobile and fixed-line number prefixes whose every 8-digit completion is a valid Norwegian
# number in libphonenumber's metadata (tests check generated numbers with phonenumbers).
MOBILE_PREFIXES = ("9", "4")
MOBILE_SECOND_DIGITS = {"9": "0123456789", "4": "01678"}
FIXED_LINE_PREFIXES = (
    "22", "23", "21", "24", "31", "32", "33", "35", "37", "38", "51", "52", "53", "55", "56",
    "57", "61", "62", "63", "64", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75",
    "76", "77", "78",
)

# Four-digit bank register numbers as they look in Norwegian account numbers (register numbers
# of banks and savings banks; the test only requires the mod-11 check).
BANK_REGISTER_PREFIXES = (
    "1503", "1201", "1206", "1254", "1280", "1594", "1607", "1813", "1822", "2050", "2801",
    "3000", "3201", "3624", "3910", "4200", "4312", "5082", "6345", "7694", "7874", "8101",
    "8601", "9001", "9365", "9710",
)

# Used when armvalidate.postcodes (Bring's register) is not importable: real postcode/city pairs.
FALLBACK_POSTAL_PLACES = (
    ("0150", "OSLO"), ("0451", "OSLO"), ("1337", "SANDVIKA"), ("1850", "MYSEN"),
    ("2000", "LILLESTRØM"), ("2317", "HAMAR"), ("3015", "DRAMMEN"), ("4006", "STAVANGER"),
    ("4611", "KRISTIANSAND S"), ("5003", "BERGEN"), ("6003", "ÅLESUND"), ("7010", "TRONDHEIM"),
    ("8006", "BODØ"), ("9008", "TROMSØ"), ("9600", "HAMMERFEST"), ("9900", "KIRKENES"),
)

# (countryCode, countryText, postalCode, cityName, addressLine1) outside Norway.
FOREIGN_ADDRESSES = (
    ("SE", "Sweden", "114 55", "Stockholm", "Storgatan 12"),
    ("DK", "Denmark", "2100", "København Ø", "Østerbrogade 41"),
    ("DE", "Germany", "10115", "Berlin", "Invalidenstraße 3"),
    ("FI", "Finland", "00100", "Helsinki", "Mannerheimintie 5"),
    ("GB", "United Kingdom", "SW1A 1AA", "London", "10 Downing Street"),
    ("PL", "Poland", "00-950", "Warszawa", "ul. Marszałkowska 84"),
)
# fmt: on
