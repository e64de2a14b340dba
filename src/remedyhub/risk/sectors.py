"""Which of Remedy Hub's sectors (registry.taxonomy.Sector) a good on the DOL list belongs to."""

from __future__ import annotations

from remedyhub.registry.taxonomy import Sector

# Lower-case words (or their plural) that put a good in a sector, matched against the words of
# the good's name. A good may
# land in several sectors (cotton is grown, then spun and sewn); the order says nothing.
_KEYWORDS: dict[str, tuple[str, ...]] = {
    Sector.GARMENTS_TEXTILE: (
        "garment",
        "textile",
        "cotton",
        "cottonseed",
        "silk",
        "thread",
        "yarn",
        "jute",
        "carpet",
        "footwear",
        "leather",
        "fashion",
        "gloves",
        "embellished",
    ),
    Sector.NATURAL_STONE: (
        "stone",
        "granite",
        "gravel",
        "sandstone",
        "brick",
        "sand",
        "cement",
        "gypsum",
        "limestone",
        "pumice",
    ),
    Sector.FOOD: (
        "cocoa",
        "coffee",
        "tea",
        "sugar",
        "sugarcane",
        "fish",
        "shrimp",
        "shellfish",
        "lobster",
        "tilapia",
        "perch",
        "rice",
        "beef",
        "meat",
        "dairy",
        "baked",
        "tomato",
        "oil",
        "nuts",
        "hazelnut",
        "cashew",
        "peanut",
        "vanilla",
        "cloves",
        "cumin",
        "pepper",
        "beverage",
        "poultry",
        "banana",
        "berries",
        "fruit",
        "grape",
        "melon",
        "pineapple",
        "strawberries",
        "blueberries",
        "coconut",
        "olive",
        "wheat",
        "corn",
        "cereal",
        "beans",
        "pulses",
        "sesame",
        "yerba",
    ),
    Sector.METALS: (
        "gold",
        "silver",
        "cobalt",
        "copper",
        "tin",
        "tantalum",
        "tungsten",
        "zinc",
        "iron",
        "coal",
        "mica",
        "diamond",
        "emerald",
        "gem",
        "ruby",
        "rubies",
        "sapphire",
        "tanzanite",
        "jade",
        "amber",
        "salt",
        "fluorspar",
        "trona",
        "steel",
        "brassware",
        "nails",
        "locks",
        "surgical",
    ),
    Sector.ELECTRONICS: ("electronics", "polysilicon", "photovoltaic", "solar", "batteries"),
}


def _matches(word: str, key: str) -> bool:
    return word in (key, key + "s", key + "es")


def _words(text: str) -> list[str]:
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    return cleaned.split()


def sectors_for_good(good: str, dol_sector: str = "") -> list[str]:
    """The sector codes of a good; DOL's own sector adds agriculture or metals and mining."""
    words = _words(good)
    found: list[str] = []
    for sector, keys in _KEYWORDS.items():
        if any(_matches(word, key) for word in words for key in keys):
            found.append(str(sector))
    kind = dol_sector.strip().casefold()
    if kind == "agriculture" and Sector.NATURAL_STONE in found:
        found.remove(Sector.NATURAL_STONE)  # "Fruit (Pome and Stone)"
    if kind == "agriculture" and Sector.AGRICULTURE not in found:
        found.append(str(Sector.AGRICULTURE))
    if kind == "mining" and not {Sector.METALS, Sector.NATURAL_STONE} & set(found):
        found.append(str(Sector.METALS))
    return found or [str(Sector.OTHER)]
