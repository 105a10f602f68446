"""Word lists for generated tenant names, users, sites and applications."""

from __future__ import annotations

# Name stems of companies from many countries, so sorting and encoding get exercised with
# accents and non-Latin scripts as well as ASCII.
COMPANY_STEMS = (
    "Acme", "Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Stark", "Wayne",
    "Müller", "Schröder", "Björk", "Østergaard", "Nieminen", "Kowalski", "Dvořák", "Horváth",
    "García", "Peña", "São Bento", "Gonçalves", "Lefèvre", "Château", "Rossi", "Bianchi",
    "Van der Berg", "De Smet", "O'Brien", "MacLeod", "Papadopoulos", "Yılmaz", "Ivanov",
    "Tanaka", "Sato", "山田", "Kim", "Park", "Nguyễn", "Tran", "Wang", "李", "Chen", "Lim",
    "Singh", "Patel", "Iyer", "Okafor", "Adeyemi", "Mensah", "Haddad", "Al-Farsi", "Cohen",
    "Silva", "Oliveira", "Fernández", "Kaur", "Suzuki", "Lindqvist", "Novak", "Costa",
)

COMPANY_SUFFIXES = (
    "GmbH", "AG", "Ltd", "PLC", "Inc", "LLC", "S.A.", "S.p.A.", "B.V.", "AB", "Oy", "A/S",
    "K.K.", "Pty Ltd", "Pvt Ltd", "SARL", "S.L.", "Sp. z o.o.", "s.r.o.", "Corp",
)

COMPANY_TRADES = (
    "Logistics", "Bank", "Health", "Energy", "Retail", "Foods", "Motors", "Insurance",
    "Telecom", "Pharma", "Media", "Airlines", "Steel", "Textiles", "Software", "Hotels",
    "Mining", "Shipping", "Water", "Capital",
)

VERTICALS = (
    "finance", "healthcare", "retail", "manufacturing", "education", "government",
    "energy", "telecommunications", "technology", "transportation", "hospitality",
    "legal", "media", "non-profit", "real-estate", "pharmaceuticals",
)

FIRST_NAMES = (
    "anna", "ben", "chen", "dmitri", "elif", "fatima", "gustav", "hiro", "ines", "jamal",
    "kiri", "lucia", "mateo", "noor", "olga", "priya", "quentin", "rosa", "sven", "tomoko",
)

LAST_NAMES = (
    "schmidt", "okoro", "nakamura", "rossi", "dubois", "silva", "kowalski", "lee", "novak",
    "haddad", "jensen", "murphy", "sato", "kumar", "alvarez", "berg",
)

CITIES = (
    "frankfurt", "london", "paris", "madrid", "milan", "tokyo", "osaka", "singapore", "sydney",
    "toronto", "chicago", "dallas", "seattle", "mumbai", "dublin", "amsterdam", "zurich",
)

# (name, category, sub-category, risk 1-5)
APPLICATIONS = (
    ("ms-office365", "business-systems", "office-programs", 1),
    ("salesforce-base", "business-systems", "management", 1),
    ("slack-base", "collaboration", "instant-messaging", 2),
    ("zoom", "collaboration", "voip-video", 2),
    ("gmail-base", "collaboration", "email", 3),
    ("dropbox-base", "general-internet", "file-sharing", 4),
    ("bittorrent", "general-internet", "file-sharing", 5),
    ("tor", "networking", "encrypted-tunnel", 5),
    ("teamviewer-base", "networking", "remote-access", 4),
    ("youtube-base", "media", "photo-video", 3),
    ("ssl", "networking", "encrypted-tunnel", 4),
    ("web-browsing", "general-internet", "internet-utility", 4),
)

URL_CATEGORIES = (
    "business-and-economy", "computer-and-internet-info", "search-engines", "news",
    "social-networking", "streaming-media", "shopping", "high-risk", "malware", "phishing",
    "command-and-control", "grayware",
)

RISKY_URL_CATEGORIES = ("high-risk", "malware", "phishing", "command-and-control")

THREAT_SUB_TYPES = ("vulnerability", "spyware", "virus", "wildfire-virus", "flood", "scan")

THREAT_NAMES = (
    "Apache Log4j Remote Code Execution Vulnerability",
    "Microsoft Exchange Server SSRF Vulnerability",
    "Cobalt Strike Beacon Command and Control Traffic",
    "Generic Trojan Download",
    "SMB Brute Force Attempt",
    "OpenSSL Heartbleed Information Disclosure",
    "DNS Tunnel Detection",
)

INCIDENT_TITLES = (
    "Tunnel {site} is down",
    "BGP peer {site} is down",
    "Remote network {site} bandwidth above threshold",
    "Mobile user gateway {city} is degraded",
    "Cortex Data Lake connection lost",
)

# Prisma Access locations: (display name, compute location, cloud region, latitude, longitude,
# X-PANW-Region value of the CDL that normally serves it).
LOCATIONS = (
    ("US Central", "US Central", "us-central1", "41.8781", "-87.6298", "americas"),
    ("US East", "US East", "us-east4", "38.9072", "-77.0369", "americas"),
    ("US West", "US West", "us-west1", "45.5152", "-122.6784", "americas"),
    ("Canada Central", "Canada Central", "northamerica-northeast1", "45.5017", "-73.5673",
     "ca"),
    ("Germany Central", "Germany Central", "europe-west3", "50.1109", "8.6821", "de"),
    ("UK", "UK", "europe-west2", "51.5072", "-0.1276", "uk"),
    ("France North", "Europe Central", "europe-west9", "48.8566", "2.3522", "europe"),
    ("Netherlands Central", "Europe Central", "europe-west4", "52.3676", "4.9041", "europe"),
    ("Japan Central", "Japan Central", "ap-northeast-1", "36.2048", "138.2529", "jp"),
    ("Singapore", "Singapore", "asia-southeast1", "1.3521", "103.8198", "sg"),
    ("Hong Kong", "Asia South East", "hong-kong", "22.3193", "114.1694", "sg"),
    ("Australia Southeast", "Australia Southeast", "australia-southeast1", "-33.8688",
     "151.2093", "au"),
    ("India West", "India West", "asia-south1", "19.0760", "72.8777", "in"),
)

# Released Prisma Access dataplane versions, oldest first.
DATAPLANE_VERSIONS = ("10.1.6", "10.2.4", "10.2.8", "10.2.10", "11.1.2", "11.2.3")
