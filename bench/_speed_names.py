"""Synthetic customer and list names for the speed, scale and recall benchmarks.

Every part here is general knowledge of common names and business words, written for
these scripts; none comes from the sanctions lists. Person names keep to one culture
each (given names and surnames of the same origin), so they look like a customer book;
companies are a place or coined brand, an activity word and a legal form.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

# Given names and surnames by culture: (given, surnames).
CULTURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "english": (
        ("James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
         "William", "Elizabeth", "David", "Susan", "Richard", "Jessica", "Thomas", "Sarah",
         "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Emily",
         "Mark", "Donna", "Steven", "Michelle", "Paul", "Carol", "Andrew", "Amanda",
         "Joshua", "Melissa", "Kevin", "Deborah", "Brian", "Rebecca", "George", "Laura"),
        ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
         "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White",
         "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
         "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter",
         "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans",
         "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Bennett"),
    ),
    "hispanic": (
        ("José", "María", "Juan", "Carmen", "Luis", "Ana", "Carlos", "Laura", "Jorge",
         "Isabel", "Miguel", "Lucía", "Alejandro", "Sofía", "Fernando", "Elena", "Ricardo",
         "Paula", "Javier", "Marta", "Raúl", "Rosa", "Diego", "Beatriz", "Andrés", "Pilar",
         "Sergio", "Gabriela", "Manuel", "Valentina"),
        ("García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
         "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes",
         "Morales", "Cruz", "Ortiz", "Gutiérrez", "Chávez", "Ramos", "Vargas", "Castillo",
         "Jiménez", "Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Vega", "Castro",
         "Mendoza", "Ruiz", "Álvarez", "Navarro", "Domínguez", "Gil", "Serrano", "Molina"),
    ),
    "german": (
        ("Hans", "Anna", "Peter", "Ursula", "Klaus", "Monika", "Jürgen", "Sabine", "Stefan",
         "Petra", "Wolfgang", "Andrea", "Uwe", "Claudia", "Frank", "Birgit", "Jörg", "Heike",
         "Dieter", "Katrin", "Lukas", "Lena", "Felix", "Hannah", "Maximilian", "Johanna"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
         "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
         "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
         "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler"),
    ),
    "french": (
        ("Jean", "Marie", "Pierre", "Nathalie", "Michel", "Isabelle", "Philippe", "Sylvie",
         "Alain", "Catherine", "Nicolas", "Françoise", "Christophe", "Valérie", "Laurent",
         "Sandrine", "Julien", "Camille", "Guillaume", "Chloé", "Antoine", "Manon"),
        ("Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Leroy", "Moreau", "Simon",
         "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent",
         "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
         "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc"),
    ),
    "russian": (
        ("Aleksandr", "Olga", "Sergei", "Tatiana", "Dmitry", "Elena", "Andrei", "Natalia",
         "Alexei", "Irina", "Mikhail", "Svetlana", "Ivan", "Yulia", "Nikolai", "Anastasia",
         "Yuri", "Ekaterina", "Pavel", "Marina", "Oleg", "Ludmila", "Viktor", "Galina",
         "Igor", "Vera", "Roman", "Ksenia", "Artem", "Darya"),
        ("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov",
         "Mikhailov", "Novikov", "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev",
         "Semenov", "Egorov", "Pavlov", "Kozlov", "Stepanov", "Nikolaev", "Orlov",
         "Andreev", "Makarov", "Nikitin", "Zakharov", "Zaitsev", "Soloviev", "Borisov",
         "Yakovlev", "Grigoriev", "Romanov", "Vorobiev", "Sergeev", "Kovalenko", "Bondarenko",
         "Shevchenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko"),
    ),
    "arabic": (
        ("Mohammed", "Fatima", "Ahmed", "Aisha", "Ali", "Maryam", "Omar", "Khadija",
         "Hassan", "Zainab", "Hussein", "Layla", "Khalid", "Noor", "Youssef", "Huda",
         "Ibrahim", "Amira", "Mustafa", "Salma", "Abdullah", "Rania", "Tariq", "Samira",
         "Karim", "Yasmin", "Walid", "Dalia", "Faisal", "Hanan"),
        ("Al-Sayed", "Haddad", "Khoury", "Nasser", "Mansour", "Hamdan", "Saleh", "Aziz",
         "Farouk", "Qasim", "Rahman", "Abbas", "Jaber", "Darwish", "Suleiman", "Hakim",
         "Bakr", "Othman", "Yousef", "Khalil", "Al-Amin", "Salem", "Ashraf", "Zaki",
         "Hamid", "Nouri", "Sabri", "Fakhoury", "Tahir", "Bashir", "Kassem", "Mahmoud"),
    ),
    "chinese": (
        ("Wei", "Fang", "Lei", "Jing", "Jun", "Min", "Yan", "Hui", "Qiang", "Li", "Tao",
         "Xiu Ying", "Ming", "Hong", "Bo", "Yu", "Hao", "Xin", "Jian", "Ling", "Chao",
         "Xiaoming", "Zhiwei", "Yuting", "Haoran", "Jiayi"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
         "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang",
         "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng"),
    ),
    "indian": (
        ("Rahul", "Priya", "Amit", "Anjali", "Rajesh", "Sunita", "Vikram", "Pooja",
         "Sanjay", "Neha", "Arjun", "Kavita", "Suresh", "Deepa", "Anil", "Lakshmi",
         "Ravi", "Meera", "Vijay", "Divya", "Arun", "Shreya", "Manoj", "Asha"),
        ("Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta",
         "Joshi", "Desai", "Chopra", "Malhotra", "Kapoor", "Rao", "Verma", "Agarwal",
         "Banerjee", "Chatterjee", "Mukherjee", "Bhat", "Pillai", "Menon", "Shah", "Jain"),
    ),
    "turkish": (
        ("Mehmet", "Ayşe", "Mustafa", "Fatma", "Ahmet", "Emine", "Hüseyin", "Hatice",
         "Hasan", "Zeynep", "Murat", "Elif", "Emre", "Özlem", "Burak", "Selin", "Kemal",
         "Derya", "Serkan", "Gül"),
        ("Yılmaz", "Kaya", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
         "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt",
         "Özkan", "Şimşek", "Polat", "Erdoğan", "Güneş", "Aksoy", "Tekin"),
    ),
    "persian": (
        ("Reza", "Maryam", "Mehdi", "Zahra", "Hossein", "Fatemeh", "Amir", "Leila", "Saeed",
         "Narges", "Javad", "Shirin", "Hamid", "Parisa", "Behrouz", "Soraya", "Kourosh",
         "Azadeh", "Farhad", "Nasrin"),
        ("Hosseini", "Mohammadi", "Rezaei", "Ahmadi", "Moradi", "Karimi", "Jafari",
         "Rahimi", "Ghorbani", "Hashemi", "Sadeghi", "Kazemi", "Mousavi", "Tehrani",
         "Shirazi", "Esfahani", "Ebrahimi", "Nouri", "Abbasi", "Najafi", "Bagheri"),
    ),
    "nigerian": (
        ("Chinedu", "Ngozi", "Emeka", "Chiamaka", "Oluwaseun", "Funmilayo", "Tunde",
         "Adaeze", "Babatunde", "Folake", "Ikechukwu", "Yetunde", "Obinna", "Bukola",
         "Segun", "Amaka", "Musa", "Aisha", "Ibrahim", "Halima"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Ogunleye", "Nwosu", "Adebayo",
         "Chukwu", "Olawale", "Obi", "Afolabi", "Nnamdi", "Akinola", "Bello", "Danjuma",
         "Ibekwe", "Oyelaran", "Uche", "Abubakar"),
    ),
    "korean": (
        ("Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Soo-ah", "Dong-hyun",
         "Ha-eun", "Jae-won", "Ye-jin", "Sung-min", "Eun-ji", "Young-ho", "Hye-jin"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han",
         "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong"),
    ),
    "vietnamese": (
        ("Minh", "Lan", "Hung", "Huong", "Tuan", "Mai", "Duc", "Thu", "Anh", "Linh", "Quang",
         "Hoa", "Thanh", "Ngoc", "Long", "Trang"),
        ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Vo", "Dang", "Bui", "Do",
         "Ho", "Ngo", "Duong", "Ly"),
    ),
    "polish": (
        ("Piotr", "Anna", "Krzysztof", "Katarzyna", "Andrzej", "Małgorzata", "Tomasz",
         "Agnieszka", "Paweł", "Barbara", "Marcin", "Ewa", "Michał", "Joanna", "Jacek",
         "Magdalena", "Grzegorz", "Dorota"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
         "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski",
         "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski"),
    ),
}  # fmt: skip

# Culture weights: roughly a European bank's retail book.
CULTURE_WEIGHTS: dict[str, float] = {
    "english": 22, "hispanic": 12, "german": 10, "french": 9, "russian": 7, "arabic": 8,
    "chinese": 6, "indian": 6, "turkish": 5, "persian": 3, "nigerian": 3, "korean": 2,
    "vietnamese": 2, "polish": 5,
}  # fmt: skip

PLACES = (
    "Atlantic", "Pacific", "Northern", "Southern", "Eastern", "Western", "Central", "Alpine",
    "Baltic", "Nordic", "Iberian", "Danube", "Rhine", "Thames", "Hudson", "Riverside",
    "Lakeside", "Highland", "Coastal", "Metro", "Harbour", "Summit", "Valley", "Meridian",
    "Oakwood", "Greenfield", "Silverline", "Bluewater", "Redstone", "Goldcrest", "Sunrise",
    "Evergreen", "Horizon", "Pioneer", "Liberty", "Heritage", "Crown", "Royal", "Union",
)  # fmt: skip
ACTIVITIES = (
    "Trading", "Logistics", "Shipping", "Holdings", "Capital", "Investments", "Consulting",
    "Engineering", "Construction", "Software", "Systems", "Solutions", "Technologies",
    "Foods", "Textiles", "Pharma", "Medical", "Energy", "Solar", "Motors", "Plastics",
    "Metals", "Chemicals", "Furniture", "Printing", "Travel", "Media", "Design", "Dental",
    "Bakery", "Garden Supplies", "Property", "Real Estate", "Insurance Brokers", "Freight",
    "Electronics", "Imports", "Exports", "Agriculture", "Packaging", "Security", "Catering",
)  # fmt: skip
LEGAL_FORMS = (
    "Ltd", "Limited", "LLC", "Inc.", "Corp.", "GmbH", "AG", "S.A.", "SARL", "S.r.l.", "B.V.",
    "N.V.", "SpA", "Oy", "AB", "A/S", "Pty Ltd", "PLC", "LLP", "Co.", "KG", "S.L.",
)  # fmt: skip
COUNTRIES = (
    "GB", "DE", "FR", "ES", "IT", "NL", "US", "CH", "AT", "PL", "TR", "AE", "IN", "CN",
    "RU", "UA", "NG", "BR", "MX", "KR", "VN", "IR", "EG", "SA", "CY", "GR", "SE", "IE",
)  # fmt: skip

# Syllables for coined surnames and brands (a long tail of rare parts, as real lists have).
ONSETS = ("b", "ch", "d", "f", "g", "h", "k", "kh", "l", "m", "n", "p", "r", "s", "sh", "t",
          "v", "z", "zh", "br", "dr", "gr", "kr", "st", "tr", "y", "j", "")  # fmt: skip
NUCLEI = ("a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ya")
CODAS = ("", "", "n", "r", "l", "s", "k", "m", "t")
SURNAME_SUFFIXES = (
    "ov", "ev", "enko", "sky", "in", "ian", "oglu", "ez", "son", "mann", "berg", "ides",
    "escu", "ić", "ani", "zadeh", "aki", "ar", "ek", "",
)  # fmt: skip


def syllable(rng: random.Random) -> str:
    """One pronounceable syllable."""
    return rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS)


def coined_word(rng: random.Random, syllables: int, suffixes: Sequence[str] = ("",)) -> str:
    """A made-up capitalised word of ``syllables`` syllables plus a suffix."""
    word = syllable(rng)
    for _ in range(syllables - 1):
        word += rng.choice(ONSETS[:-1]) + rng.choice(NUCLEI) + rng.choice(CODAS)
    word += rng.choice(suffixes)
    return word[:1].upper() + word[1:]


def pick_culture(rng: random.Random) -> str:
    """A culture drawn by `CULTURE_WEIGHTS`."""
    names = list(CULTURE_WEIGHTS)
    return rng.choices(names, weights=[CULTURE_WEIGHTS[n] for n in names])[0]


def person_name(rng: random.Random, culture: str | None = None) -> str:
    """A plausible person name: given [middle] surname, all of one culture."""
    given, surnames = CULTURES[culture or pick_culture(rng)]
    parts = [rng.choice(given)]
    if rng.random() < 0.25:
        parts.append(rng.choice(given))
    parts.append(rng.choice(surnames))
    if rng.random() < 0.15:
        parts.append(rng.choice(surnames))
    return " ".join(dict.fromkeys(parts))


def company_name(rng: random.Random) -> str:
    """A plausible company name: a place, surname or coined brand, activity, legal form."""
    roll = rng.random()
    if roll < 0.4:
        head = rng.choice(PLACES)
    elif roll < 0.7:
        head = rng.choice(CULTURES[pick_culture(rng)][1])
    else:
        head = coined_word(rng, rng.choice((2, 2, 3)), ("", "ex", "tek", "ia", "on"))
    words = [head, rng.choice(ACTIVITIES)]
    if rng.random() < 0.2:
        words.append(rng.choice(ACTIVITIES))
    if rng.random() < 0.85:
        words.append(rng.choice(LEGAL_FORMS))
    return " ".join(dict.fromkeys(words))


def birth_date(rng: random.Random) -> str:
    """An ISO birth date between 1940 and 2004."""
    return f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
