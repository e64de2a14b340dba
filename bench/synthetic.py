# ruff: noqa: S311, RUF001, RUF002
# S311: random is used for reproducible test data, never for anything secret.
# RUF001, RUF002: the word lists hold letters of Vietnamese, Turkish and Portuguese (ş, ơ).
"""Seeded synthetic production sites of 15 producing countries, and noisy queries against them."""

from __future__ import annotations

import random
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# Share of production sites per country, roughly as brands' public supplier lists show them:
# China and Bangladesh large, then India, Viet Nam and Türkiye. Only relative sizes matter.
COUNTRY_SHARES: dict[str, float] = {
    "CN": 30.0,
    "BD": 13.0,
    "IN": 12.0,
    "VN": 8.0,
    "TR": 7.0,
    "PK": 5.0,
    "ID": 4.0,
    "KH": 3.0,
    "MX": 3.0,
    "BR": 3.0,
    "TH": 2.5,
    "LK": 2.0,
    "MM": 2.0,
    "MA": 1.5,
    "ET": 0.5,
}

SECTOR = "garments_textile"


def _words(text: str, separator: str = ",") -> tuple[str, ...]:
    """Separated entries (so that an entry may hold spaces), blanks dropped."""
    entries = (" ".join(entry.split()) for entry in text.split(separator))
    return tuple(entry for entry in entries if entry)


def _forms(text: str) -> tuple[str, ...]:
    """Legal forms, separated by ``|`` because they hold commas ("Co., Ltd.")."""
    return _words(text, "|")


@dataclass(frozen=True, slots=True)
class Place:
    """A town or locality, the city or district it belongs to, its region, a postcode, zones."""

    town: str
    city: str
    region: str
    postcode: str
    zones: tuple[str, ...]


def _places(text: str) -> tuple[Place, ...]:
    """One place a line: ``town | city | region | postcode | zone; zone``."""
    places = []
    for line in text.strip().splitlines():
        town, city, region, postcode, zones = (part.strip() for part in line.split("|"))
        places.append(Place(town, city, region, postcode, _words(zones.replace(";", ","))))
    return tuple(places)


@dataclass(frozen=True, slots=True)
class CountrySpec:
    """How names and addresses of one country's production sites are written."""

    words: tuple[str, ...]  # distinctive name words ({a}, {b})
    products: tuple[str, ...]  # {p}
    legal: tuple[str, ...]  # {l}
    names: tuple[str, ...]  # name templates; a repeated template is a more frequent one
    places: tuple[Place, ...]
    localities: tuple[str, ...]  # {loc}: villages, wards, neighbourhoods
    roads: tuple[str, ...]  # {road}
    addresses: tuple[str, ...]  # address templates; those with {zone} need a place with zones
    accent_share: float = 1.0  # share written with diacritics; the rest is folded to ASCII
    upper_share: float = 0.1  # share of sites listed in capitals, as many lists do


# Generic English business words, used by lists in South Asia, South-East Asia and Africa.
GENERIC = _words("""
Apex, Alpha, Asia, Atlas, Blue Bird, Bright, Capital, Champion, Classic, Coral, Cosmos, Crown,
Crystal, Delta, Diamond, Dynamic, Eagle, East West, Eastern, Elegant, Elite, Emerald, Empire,
Evergreen, Excel, Falcon, Fine, First, Fortune, Galaxy, Glory, Golden, Grand, Green, Harmony,
Harvest, Heritage, Horizon, Ideal, Imperial, Infinity, Jade, Jupiter, Legend, Liberty, Lotus,
Majestic, Maple, Mega, Meridian, Metro, Millennium, Modern, Monarch, Nature, Neptune, Noble,
Northern, Nova, Ocean, Olympic, Omega, Orient, Oriental, Pacific, Paramount, Pearl, Phoenix,
Pinnacle, Pioneer, Planet, Platinum, Premier, Prime, Prestige, Pride, Progressive, Quality,
Radiant, Rainbow, Regal, Regent, Rising, Royal, Ruby, Sapphire, Saturn, Silver, Sky, Smart,
Solar, Southern, Sparkle, Spring, Square, Star, Sterling, Summit, Sunrise, Sunshine, Supreme,
Swift, Titan, Trust, Unique, United, Universal, Valley, Venus, Victory, Vision, Vista, Western,
Winner, Zenith
""")

# Pinyin syllables; two of them make a Chinese company word ("Hengyuan", "Jinlong").
PINYIN = _words("""
an, bai, bang, bao, bei, cai, chang, chao, cheng, chun, da, de, ding, dong, fa, fang, feng, fu,
gang, guang, hai, hang, hao, he, heng, hong, hua, huan, hui, jia, jian, jie, jin, jing, jiu,
jun, kai, kang, le, li, lian, lin, long, lu, mao, mei, ming, nan, ning, peng, pin, qi, qian,
qiang, qing, quan, rong, rui, sen, shang, sheng, shi, shun, song, tai, tian, tong, wan, wei,
wen, xiang, xin, xing, xu, ya, yang, yi, yin, ying, yong, you, yu, yuan, yue, zhan, zhen,
zheng, zhi, zhong, zhou
""")
CN_WORDS = tuple(
    first.capitalize() + second for first in PINYIN for second in PINYIN if first != second
)

SPECS: dict[str, CountrySpec] = {}

SPECS["CN"] = CountrySpec(
    words=CN_WORDS,
    products=_words("""
Garment, Garments, Textile, Knitting, Apparel, Clothing, Fashion, Dyeing and Finishing, Weaving,
Shoes, Footwear, Leather Products, Printing and Dyeing, Knitwear, Bags, Headwear, Socks,
Home Textile, Down Products, Silk, Embroidery, Sweater, Underwear, Sportswear
"""),
    legal=_forms("Co., Ltd.|Co., Ltd|Co.,Ltd|Co Ltd|Co. Ltd.|Company Limited|Industrial Co., Ltd."),
    names=(
        "{region} {a} {p} {l}",
        "{city} {a} {p} {l}",
        "{city} {a} {p} {l}",
        "{city} {a} {p} {l}",
        "{a} ({city}) {p} {l}",
        "{city} {town} {a} {p} {l}",
        "{city} {a} {p} Factory",
        "{city} {a} {b} {p} {l}",
        "{a} {p} ({city}) {l}",
    ),
    places=_places("""
Humen | Dongguan | Guangdong | 523900 | Humen Industrial Zone
Chang'an | Dongguan | Guangdong | 523850 | Xiaobian Industrial Zone
Dalang | Dongguan | Guangdong | 523770 | Dalang Woollen Sweater Industrial Park
Houjie | Dongguan | Guangdong | 523960 | Houjie Industrial Zone
Huangjiang | Dongguan | Guangdong | 523750 |
Tangxia | Dongguan | Guangdong | 523710 | Tangxia Industrial Park
Baiyun | Guangzhou | Guangdong | 510440 | Baiyun Industrial Park
Panyu | Guangzhou | Guangdong | 511400 | Panyu Industrial Park
Zengcheng | Guangzhou | Guangdong | 511300 | Xintang Industrial Park
Longgang | Shenzhen | Guangdong | 518116 | Longgang Industrial Zone
Bao'an | Shenzhen | Guangdong | 518101 | Shajing Industrial Zone
Nanhai | Foshan | Guangdong | 528200 | Xiqiao Textile Industrial Park
Shunde | Foshan | Guangdong | 528300 |
Xiaolan | Zhongshan | Guangdong | 528415 | Xiaolan Industrial Zone
Shaxi | Zhongshan | Guangdong | 528471 | Shaxi Garment Industrial Zone
Huiyang | Huizhou | Guangdong | 516200 | Huiyang Economic Development Zone
Kaiping | Jiangmen | Guangdong | 529300 | Kaiping Textile Industrial Park
Chaoyang | Shantou | Guangdong | 515100 | Gurao Industrial Zone
Keqiao | Shaoxing | Zhejiang | 312030 | Keqiao Economic Development Zone; Binhai Industrial Zone
Zhuji | Shaoxing | Zhejiang | 311800 | Datang Socks Industrial Park
Yinzhou | Ningbo | Zhejiang | 315100 | Yinzhou Investment Pioneering Park
Beilun | Ningbo | Zhejiang | 315800 | Ningbo Free Trade Zone
Cixi | Ningbo | Zhejiang | 315300 | Cixi Economic Development Zone
Yuyao | Ningbo | Zhejiang | 315400 |
Xiaoshan | Hangzhou | Zhejiang | 311200 | Xiaoshan Economic and Technological Development Zone
Tongxiang | Jiaxing | Zhejiang | 314500 | Puyuan Sweater Industrial Park
Pinghu | Jiaxing | Zhejiang | 314200 | Pinghu Economic Development Zone
Wuxing | Huzhou | Zhejiang | 313000 | Zhili Industrial Park
Ouhai | Wenzhou | Zhejiang | 325000 | Ouhai Economic Development Zone
Yiwu | Jinhua | Zhejiang | 322000 | Yiwu Industrial Park
Wujiang | Suzhou | Jiangsu | 215200 | Shengze Textile Industrial Park
Kunshan | Suzhou | Jiangsu | 215300 | Kunshan Economic and Technological Development Zone
Changshu | Suzhou | Jiangsu | 215500 | Changshu Garment City
Zhangjiagang | Suzhou | Jiangsu | 215600 | Zhangjiagang Free Trade Zone
Jiangyin | Wuxi | Jiangsu | 214400 | Jiangyin Industrial Park
Xishan | Wuxi | Jiangsu | 214100 |
Wujin | Changzhou | Jiangsu | 213100 | Wujin High-tech Industrial Zone
Haimen | Nantong | Jiangsu | 226100 | Haimen Economic Development Zone
Rugao | Nantong | Jiangsu | 226500 |
Jiangdu | Yangzhou | Jiangsu | 225200 | Yangzhou Development Zone
Songjiang | Shanghai | Shanghai | 201600 | Songjiang Industrial Zone
Jiading | Shanghai | Shanghai | 201800 | Jiading Industrial Zone
Fengxian | Shanghai | Shanghai | 201400 |
Jinjiang | Quanzhou | Fujian | 362200 | Jinjiang Economic Development Zone; Wuli Industrial Zone
Shishi | Quanzhou | Fujian | 362700 | Shishi Garment Industrial Zone
Licheng | Putian | Fujian | 351100 | Putian Shoes Industrial Park
Huli | Xiamen | Fujian | 361000 | Xiamen Torch Hi-tech Industrial Zone
Changle | Fuzhou | Fujian | 350200 | Changle Textile Industrial Park
Jimo | Qingdao | Shandong | 266200 | Jimo Garment Industrial Park
Chengyang | Qingdao | Shandong | 266100 |
Laishan | Yantai | Shandong | 264000 | Yantai Economic and Technological Development Zone
Zhucheng | Weifang | Shandong | 262200 |
Shucheng | Lu'an | Anhui | 231300 | Shucheng Economic Development Zone
Yingjiang | Anqing | Anhui | 246000 |
Qingshanhu | Nanchang | Jiangxi | 330000 | Nanchang Xiaolan Economic Development Zone
Nankang | Ganzhou | Jiangxi | 341400 |
Hanyang | Wuhan | Hubei | 430050 | Wuhan Economic and Technological Development Zone
Xiangtan | Xiangtan | Hunan | 411100 |
Zhongmou | Zhengzhou | Henan | 451450 |
Gaoyang | Baoding | Hebei | 071500 | Gaoyang Textile Industrial Park
"""),
    localities=_words("""
Shatou Village, Xinan Village, Dongcheng Community, Xiaobian Community, Shangsha Village,
Baisha Village, Huangtian Village, Fuyong Community, Xintang Town, Heshan Village,
Longhua Community, Xiaojin Village, Dongfang Village, Qianjin Village, Hongqi Village,
Nanzha Community, Jiangbei Village, Xishan Village, Shangcun Village, Gaobu Village
"""),
    roads=_words("""
Renmin, Jianshe, Zhongshan, Gongye, Chuangye, Keji, Xingye, Jiefang, Huanzhen, Binhai,
Dongfeng, Heping, Xinhua, Changjiang, Huanghe, Taishan, Jinhu, Fuqiang, Yingbin, Zhenxing,
Kaifa, Xinyuan, Qingnian, Wenhua, Shengli, Hongxing, Dongsheng, Xihuan, Beihuan, Nanhuan
"""),
    addresses=(
        "No. {n} {road} Road, {zone}, {town}, {city}, {region} Province",
        "No.{n}, {road} Road, {town} District, {city}, {region}, China",
        "{n} {road} Road, {town} Town, {city} City, {region} Province {post}",
        "{loc}, {town}, {city}, {region}",
        "Building {k}, No. {n} {road} Avenue, {zone}, {city}, {region} {post}",
        "{road} Industrial Zone, {town} Town, {city}, {region} Province",
        "{k}/F, Block {k}, {zone}, {town}, {city}",
        "No. {n}, {road} West Road, {loc}, {town}, {city} {post}",
    ),
    upper_share=0.3,
)

SPECS["BD"] = CountrySpec(
    words=_words("""
Abdul, Afsar, Akhter, Alam, Anwar, Ashraf, Aziz, Babylon, Bangla, Bengal, Bijoy, Chowdhury,
Desh, Dhanshiri, Ekushey, Fakir, Fatema, Ferdous, Habib, Hamid, Haque, Hira, Hossain, Islam,
Jahid, Jamuna, Kabir, Karim, Khan, Kohinoor, Mahmud, Meghna, Mithila, Mondol, Monir, Mukti,
Nahar, Nasir, Nishat, Noor, Padma, Purbachal, Rafiq, Rahim, Rahman, Rupali, Rupsha, Sabrina,
Sagor, Salma, Shahjalal, Shanta, Shapla, Shirin, Shohag, Sonar, Sonali, Sumon, Surma, Tania,
Tasnim, Teesta, Titas, Uttara, Zaman, Madhumati, Barnali, Karnaphuli, Dhaleshwari, Sitalakhya,
Bhairab, Kushiara, Gorai, Arial Khan, Shimanto, Ahsan, Bashir, Delwar, Ebrahim, Faruk, Golam,
Harun, Iqbal, Jalal, Kamal, Latif, Mizan, Nazrul, Obaid, Parvez, Quader, Rashed, Saiful, Tofail
""")
    + GENERIC,
    products=_words("""
Fashions, Fashion, Apparels, Garments, Knit Composite, Knitwear, Sweaters, Denim, Textiles,
Knitting, Dyeing, Washing, Designs, Wears, Outfit, Attire, Clothing, Embroidery, Accessories,
Spinning Mills, Fabrics, Knit Wears, Composite Knit
"""),
    legal=_forms("Ltd|Ltd.|Limited|Limited|(Pvt.) Ltd.|Ltd"),
    names=(
        "{a} {b} {p} {l}",
        "{a} {b} {p} {l}",
        "{a} {p} {l}",
        "{a} {b} {p} Industries {l}",
        "{a} {p} Mills {l}",
        "{a} & {b} {p} {l}",
        "{a} {p} ({town}) {l}",
    ),
    places=_places("""
Tongi | Gazipur | Dhaka | 1710 | BSCIC Industrial Estate; Tongi Industrial Area
Konabari | Gazipur | Dhaka | 1700 |
Kashimpur | Gazipur | Dhaka | 1346 |
Kaliakair | Gazipur | Dhaka | 1750 | Hi-Tech Park
Sreepur | Gazipur | Dhaka | 1740 |
Joydebpur | Gazipur | Dhaka | 1700 |
Board Bazar | Gazipur | Dhaka | 1704 |
Mouchak | Gazipur | Dhaka | 1751 |
Savar | Dhaka | Dhaka | 1340 | Dhaka EPZ
Ashulia | Dhaka | Dhaka | 1341 | Dhaka EPZ
Mirpur | Dhaka | Dhaka | 1216 | Mirpur Industrial Area
Tejgaon | Dhaka | Dhaka | 1208 | Tejgaon Industrial Area
Uttara | Dhaka | Dhaka | 1230 |
Keraniganj | Dhaka | Dhaka | 1310 |
Dhamrai | Dhaka | Dhaka | 1350 |
Fatullah | Narayanganj | Dhaka | 1420 | BSCIC Industrial Estate
Siddhirganj | Narayanganj | Dhaka | 1430 | Adamjee EPZ
Rupganj | Narayanganj | Dhaka | 1460 |
Araihazar | Narayanganj | Dhaka | 1450 |
Kalurghat | Chittagong | Chittagong | 4212 | Kalurghat Heavy Industrial Area
Nasirabad | Chittagong | Chittagong | 4210 | Nasirabad Industrial Area
Patenga | Chittagong | Chittagong | 4204 | Chittagong EPZ
Halishahar | Chittagong | Chittagong | 4216 |
Sitakunda | Chittagong | Chittagong | 4310 |
Anwara | Chittagong | Chittagong | 4376 | Korean EPZ
Bhaluka | Mymensingh | Mymensingh | 2240 |
Madhabdi | Narsingdi | Dhaka | 1604 |
Uttara EPZ | Nilphamari | Rangpur | 5300 | Uttara EPZ
Comilla | Comilla | Chittagong | 3500 | Comilla EPZ
"""),
    localities=_words("""
Baroipara, Zirabo, Jamgora, Narasinghapur, Dhalla, Bagbari, Chandana, Kunia, Bhogra,
Tetuibari, Beraid, Baipail, Gorat, Nischintapur, Sardaganj, Kathgora, Masimpur, Gilarchala,
Chandra, Kathaltola, Nayapara, Vadam, Shirirchala, Dattapara, Kadda, Bhawal Mirzapur,
Pagar, Bokran Monipur, Mulaid, Tengra, Enayetnagar, Kutubpur, Shiddhirganj Pool, Kanchpur,
Bishnupur, Hathazari, Baluchara, Kulgaon, Bayezid Bostami, South Panchlaish
"""),
    roads=_words("""
Dhaka-Mymensingh Highway, Dhaka-Tangail Highway, Tongi-Ashulia Road, Nabinagar-Chandra
Highway, Zirani Bazar Road, Bypass Road, Station Road, Link Road, College Road, Bazar Road,
Mill Road, Dhaka-Aricha Highway, Kashimpur Road, Joydebpur-Chandra Road, Bangabandhu Road,
Dhaka-Chittagong Highway, Shanir Akhra Road, Kalurghat Road, Port Connecting Road,
Sheikh Mujib Road, Airport Road, Pallabi Road, Mirpur Road, Ashulia-Baipail Road
"""),
    addresses=(
        "Plot {n}, {zone}, {town}, {city} {post}",
        "Plot {n}-{m}, Sector {k}, {zone}, {town}, {city}-{post}",
        "Holding {n}/{m}, {road}, {loc}, {town}, {city}",
        "Vill: {loc}, P.O: {town}, P.S: {town}, {city}",
        "{n}, {road}, {loc}, {town}, {city}-{post}",
        "{loc}, {town}, {city}, Bangladesh",
        "Plot {n}, {road}, {town}, {city} {post}, Bangladesh",
        "House {n}, Road {k}, {loc}, {town}, {city}",
    ),
    upper_share=0.25,
)

SPECS["IN"] = CountrySpec(
    words=_words("""
Aadhya, Abhinav, Aditya, Akash, Amar, Ambika, Anand, Annapurna, Arihant, Ashok, Balaji,
Bharat, Chandra, Deepak, Durga, Ganesh, Gayatri, Gokul, Gopal, Hari, Indus, Jai, Janaki, Jyoti,
Kailash, Kamal, Kaveri, Krishna, Kumar, Lakshmi, Madhav, Mahalakshmi, Mahaveer, Mangal,
Maruti, Mohan, Murugan, Nandi, Narmada, Navin, Om Sai, Padmavati, Parvati, Pranav, Prakash,
Raghav, Rajesh, Ram, Ravi, Rohini, Sai, Saraswati, Sharda, Shiva, Siddhi, Srinivas, Subham,
Sudarshan, Sundaram, Surya, Swastik, Tirupati, Uma, Uday, Vaishnavi, Vasant, Venkatesh,
Vijay, Vishnu, Yamuna, Ganga, Himalaya, Sagar, Neel, Vedant, Karthik, Senthil, Velan,
Kumaran, Palani, Saravana, Arun, Bala, Kannan, Ragavendra, Jayam, Kongu, Bhavani, Amman,
Meenakshi, Sakthi, Annai, Vel, Ponni, Thangam, Kavin, Nila, Mithra, Pooja, Riddhi, Tanvi
""")
    + GENERIC,
    products=_words("""
Exports, Apparels, Knits, Textiles, Fashions, Clothing, Garments, Spinning Mills, Overseas,
International, Knitting Mills, Processors, Fabrics, Creations, Impex, Hosiery, Leather,
Footwear, Shoes, Home Furnishings, Designs, Exim, Cotton Mills, Dyeing
"""),
    legal=_forms("Pvt Ltd|Pvt. Ltd.|Private Limited|Private Limited|(P) Ltd|Limited|LLP"),
    names=(
        "{a} {p} {l}",
        "{a} {p} {l}",
        "{a} {b} {p} {l}",
        "Shree {a} {p}",
        "Sri {a} {p} {l}",
        "{a} {p} (India) {l}",
        "{a} {p}",
        "{a} {b} {p}",
        "{a} Clothing Company",
        "{a} {p} Unit {k}",
    ),
    places=_places("""
Tiruppur | Tiruppur | Tamil Nadu | 641602 | SIDCO Industrial Estate; Netaji Apparel Park
Avinashi | Tiruppur | Tamil Nadu | 641654 |
Palladam | Tiruppur | Tamil Nadu | 641664 |
Perumanallur | Tiruppur | Tamil Nadu | 641666 |
Ambattur | Chennai | Tamil Nadu | 600058 | Ambattur Industrial Estate
Guindy | Chennai | Tamil Nadu | 600032 | Guindy Industrial Estate
Sriperumbudur | Kanchipuram | Tamil Nadu | 602105 | SIPCOT Industrial Park
Karur | Karur | Tamil Nadu | 639002 |
Erode | Erode | Tamil Nadu | 638001 |
Coimbatore | Coimbatore | Tamil Nadu | 641014 | SIDCO Industrial Estate
Ambur | Vellore | Tamil Nadu | 635802 |
Peenya | Bengaluru | Karnataka | 560058 | Peenya Industrial Area
Bommasandra | Bengaluru | Karnataka | 560099 | Bommasandra Industrial Area
Yeshwanthpur | Bengaluru | Karnataka | 560022 |
Udyog Vihar | Gurugram | Haryana | 122016 | Udyog Vihar Phase IV
Manesar | Gurugram | Haryana | 122051 | IMT Manesar
Panipat | Panipat | Haryana | 132103 | Sector 29 Industrial Area
Noida | Gautam Buddh Nagar | Uttar Pradesh | 201301 | Phase II Noida; Sector 63
Okhla | New Delhi | Delhi | 110020 | Okhla Industrial Area Phase I; Okhla Industrial Area Phase II
Agra | Agra | Uttar Pradesh | 282006 | Foundry Nagar
Kanpur | Kanpur | Uttar Pradesh | 208022 | Panki Industrial Area
Bhiwandi | Thane | Maharashtra | 421302 |
Andheri East | Mumbai | Maharashtra | 400093 | MIDC Marol
Focal Point | Ludhiana | Punjab | 141010 | Focal Point Phase VIII
Sitapura | Jaipur | Rajasthan | 302022 | Sitapura Industrial Area
Sanganer | Jaipur | Rajasthan | 302029 |
Howrah | Howrah | West Bengal | 711101 |
Naroda | Ahmedabad | Gujarat | 382330 | Naroda GIDC
Sachin | Surat | Gujarat | 394230 | Sachin GIDC
Pandesara | Surat | Gujarat | 394221 | Pandesara GIDC
"""),
    localities=_words("""
Mangalam, Veerapandi, Kangeyam Road, Anupparpalayam, Kuppandampalayam, Mudalipalayam,
Pooluvapatti, Thottipalayam, Karuvampalayam, Kovilvazhi, Nallur, Velampalayam, Chettipalayam,
Pichampalayam, Kalipalayam, Sultanpur, Kapashera, Dundahera, Bawana, Narela, Mayapuri,
Kirti Nagar, Jhilmil, Sahibabad, Chandigarh Road, Dugri, Sherpur, Gill Road, Bhadohi Road,
Kamothe, Saki Naka, Sion, Dharavi, Vasai, Tarapur, Pirangut, Sadashivpeth
"""),
    roads=_words("""
Kangeyam Road, Avinashi Road, P.N. Road, Dharapuram Road, Palladam Road, Mettupalayam Road,
Mount Road, G.S.T. Road, Hosur Road, Mysore Road, Tumkur Road, Old Madras Road,
Mathura Road, Delhi-Jaipur Highway, G.T. Road, Station Road, Link Road, Main Road,
Industrial Road, Ring Road, Sion-Trombay Road, L.B.S. Marg, Tonk Road, Ajmer Road
"""),
    addresses=(
        "Plot No. {n}, Sector {k}, {zone}, {town}, {region} {post}",
        "No. {n}, {road}, {loc}, {town} - {post}, {region}",
        "S.F. No. {n}/{k}, {loc} Village, {town} Taluk, {city} District, {region} - {post}",
        "Khasra No. {n}, {loc}, {town}, {region}",
        "{n}/{m}, {road}, {town}, {city}, {region}, India",
        "Plot {n}, {zone}, {city} {post}",
        "Door No. {n}, {loc}, {road}, {town} {post}",
        "Survey No. {n}, {loc}, {town}, {city}",
    ),
)

SPECS["VN"] = CountrySpec(
    words=_words("""
An Phát, Phú Thành, Việt, Hòa, Minh, Tiến, Hưng, Thịnh, Phát, Long, Đại, Nam, Hải, Hoàng,
Kim, Đức, Quang, Tân, Thái, Thuận, Trung, Vinh, Bình, Khang, Lộc, Ngọc, Nhật, Phong, Phúc,
Sơn, Tâm, Thắng, Toàn, Trí, Tuấn, Xuân, Anh, Bảo, Cường, Dũng, Gia, Hạnh, Hiệp, Huy,
Khánh, Lâm, Linh, Mỹ, Nghĩa, Phú, Quốc, Sáng, Thiên, Thông, Trang, Trường, Vân, Vũ, Yến,
Hồng, Đông, Tây, Bách, Châu, Đạt, Hậu, Kỳ, Lê, Thành Công, Phương, Hà, Sài Gòn, Hà Nội,
Mekong, Vina, Saigon, Hanoi, Thăng Long, Hồng Hà, Sông Hồng, Cửu Long, Trường Sơn, Hoa Sen
"""),
    products=_words("""
Garment, Textile, Knitting, Fashion, Apparel, Footwear, Shoes, Dệt May, May Mặc, Sợi,
Embroidery, Leather, Sportswear, Weaving, Dyeing
"""),
    legal=_forms("Co., Ltd|Company Limited|JSC|Joint Stock Company|Co., Ltd."),
    names=(
        "Công ty TNHH {a} {b}",
        "Công ty TNHH {p} {a}",
        "Công ty Cổ phần {p} {a}",
        "{a} {b} {p} {l}",
        "{a} {b} {p} {l}",
        "{a} {p} {l}",
        "{a} Vina {l}",
        "{a} {b} {p} {l} - {region} Branch",
        "Tổng Công ty {p} {a}",
    ),
    places=_places("""
Thủ Dầu Một | Thủ Dầu Một | Bình Dương | 75000 | VSIP; Đại Đăng
Dĩ An | Dĩ An | Bình Dương | 75000 | Sóng Thần 1; Sóng Thần 2; Tân Đông Hiệp B
Thuận An | Thuận An | Bình Dương | 75000 | Việt Hương; Đồng An
Bến Cát | Bến Cát | Bình Dương | 75000 | Mỹ Phước 1; Mỹ Phước 3
Tân Uyên | Tân Uyên | Bình Dương | 75000 | Nam Tân Uyên
Biên Hòa | Biên Hòa | Đồng Nai | 76000 | Amata; Loteco; Biên Hòa 2
Nhơn Trạch | Nhơn Trạch | Đồng Nai | 76000 | Nhơn Trạch 2; Nhơn Trạch 3
Trảng Bom | Trảng Bom | Đồng Nai | 76000 | Hố Nai; Sông Mây
Long Thành | Long Thành | Đồng Nai | 76000 | Long Thành
Tân Bình | Hồ Chí Minh | Hồ Chí Minh | 70000 |
Gò Vấp | Hồ Chí Minh | Hồ Chí Minh | 70000 |
Bình Tân | Hồ Chí Minh | Hồ Chí Minh | 70000 | Tân Tạo; Vĩnh Lộc
Củ Chi | Hồ Chí Minh | Hồ Chí Minh | 70000 | Tây Bắc Củ Chi
Thủ Đức | Hồ Chí Minh | Hồ Chí Minh | 70000 | Linh Trung 1; Linh Trung 2
Quận 7 | Hồ Chí Minh | Hồ Chí Minh | 70000 | Tân Thuận
Đức Hòa | Đức Hòa | Long An | 82000 | Đức Hòa 1; Xuyên Á
Bến Lức | Bến Lức | Long An | 82000 | Thuận Đạo
Trảng Bàng | Trảng Bàng | Tây Ninh | 80000 | Trảng Bàng; Phước Đông
Long Biên | Hà Nội | Hà Nội | 10000 | Sài Đồng B
Đông Anh | Hà Nội | Hà Nội | 10000 | Thăng Long
Mỹ Hào | Mỹ Hào | Hưng Yên | 17000 | Phố Nối A; Phố Nối B
Cẩm Giàng | Hải Dương | Hải Dương | 03000 | Đại An; Tân Trường
An Dương | Hải Phòng | Hải Phòng | 04000 | Nomura
Nam Định | Nam Định | Nam Định | 07000 | Hòa Xá
Thái Bình | Thái Bình | Thái Bình | 06000 | Tiền Hải; Nguyễn Đức Cảnh
Việt Yên | Bắc Giang | Bắc Giang | 26000 | Quang Châu; Vân Trung
Quế Võ | Bắc Ninh | Bắc Ninh | 16000 | Quế Võ
Vinh | Vinh | Nghệ An | 43000 | Bắc Vinh
Thanh Chương | Thanh Chương | Nghệ An | 43000 |
Bỉm Sơn | Thanh Hóa | Thanh Hóa | 40000 | Bỉm Sơn
Liên Chiểu | Đà Nẵng | Đà Nẵng | 50000 | Hòa Khánh
Điện Bàn | Điện Bàn | Quảng Nam | 51000 | Điện Nam - Điện Ngọc
"""),
    localities=_words("""
Tân Định, Hòa Phú, An Phú, Bình Hòa, Lái Thiêu, Tân Hiệp, Tân Vĩnh Hiệp, Phú Chánh, Hòa Lợi,
Thới Hòa, Chánh Phú Hòa, An Tây, Long Bình, Tam Phước, Hố Nai, Bàu Xéo, Tân Tạo A,
Bình Hưng Hòa, Tân Thới Nhất, Đông Hưng Thuận, Linh Xuân, Tân Chánh Hiệp, Hiệp Bình Phước,
Đức Lập Hạ, Mỹ Hạnh Nam, Thanh Tiến, Hưng Đạo, Dị Sử, Nhân Hòa, Cẩm Điền
"""),
    roads=_words("""
Đại lộ Bình Dương, Quốc lộ 13, Quốc lộ 1A, Quốc lộ 22, Quốc lộ 51, Quốc lộ 5, Độc Lập,
Hữu Nghị, Tự Do, Dân Chủ, Lê Văn Khương, Nguyễn Văn Quá, Trường Chinh, Cộng Hòa, Hồ Học Lãm,
Kinh Dương Vương, Tỉnh lộ 10, Tỉnh lộ 743, Võ Văn Kiệt, Lê Trọng Tấn, Phan Văn Hớn
"""),
    addresses=(
        "Lot {loc}-{k}, {zone} Industrial Park, {town}, {region} Province",
        "Lô {k}, KCN {zone}, {town}, {region}",
        "No. {n}, {road} Street, {loc} Ward, {town} District, {city}",
        "Số {n} {road}, Phường {loc}, {town}, {region}",
        "Hamlet {k}, {loc} Commune, {town} District, {region} Province",
        "Ấp {k}, Xã {loc}, Huyện {town}, Tỉnh {region}",
        "{n} {road}, {loc}, {town}, {region}, Vietnam",
        "Road No. {k}, {zone} Industrial Zone, {town}, {region}",
    ),
    accent_share=0.35,
)

SPECS["TR"] = CountrySpec(
    words=_words("""
Akın, Aksoy, Altın, Anadolu, Arslan, Aydın, Bahar, Başak, Bulut, Çelik, Demir, Deniz, Doğan,
Ege, Erdem, Ertuğrul, Güneş, Gül, Kaya, Karaca, Kurt, Marmara, Nur, Öz, Özdemir, Özkan,
Poyraz, Sarı, Şahin, Tekin, Toprak, Tuna, Türkmen, Uçar, Umut, Yavuz, Yıldız, Yılmaz, Zafer,
Akdeniz, Başaran, Cengiz, Dilek, Esen, Gökçe, Hilal, İpek, Kardelen, Kıvanç, Lale, Meltem,
Nehir, Oya, Pınar, Rüzgar, Sevgi, Tülin, Ufuk, Vural, Yağmur, Zümrüt, Aslan, Berk, Can, Duru,
Efe, Ferah, Gürsoy, Hakan, Işık, Kartal, Mert, Okyay, Selin, Tan, Tunç, Ülkü, Yeşil, Akça,
Balcı, Coşkun, Dündar, Erkan, Fidan, Gündoğdu, Hazar, İnci, Kılıç, Korkmaz, Önal, Polat
"""),
    products=_words("""
Tekstil, Konfeksiyon, Örme, Triko, Dokuma, Giyim, Denim, Boya Apre, İplik, Ayakkabı, Çorap,
Moda, Hazır Giyim, Nakış, Baskı
"""),
    legal=_forms("""
San. ve Tic. A.Ş. | Sanayi ve Ticaret A.Ş. | San. Tic. Ltd. Şti. | Sanayi ve Ticaret Ltd. Şti.
| İth. İhr. San. Tic. Ltd. Şti. | A.Ş. | Ltd. Şti.
"""),
    names=(
        "{a} {p} {l}",
        "{a} {p} {l}",
        "{a} {b} {p} {l}",
        "{a} {p} ve {b} {l}",
        "{a} {p} {l}",
    ),
    places=_places("""
Esenyurt | İstanbul | İstanbul | 34510 |
Bağcılar | İstanbul | İstanbul | 34200 | Evren Sanayi Sitesi
Güngören | İstanbul | İstanbul | 34165 |
Merter | İstanbul | İstanbul | 34169 |
Bayrampaşa | İstanbul | İstanbul | 34035 |
Esenler | İstanbul | İstanbul | 34230 | Atışalanı Sanayi Sitesi
Avcılar | İstanbul | İstanbul | 34310 |
Başakşehir | İstanbul | İstanbul | 34490 | İkitelli Organize Sanayi Bölgesi
Beylikdüzü | İstanbul | İstanbul | 34520 | Beylikdüzü Organize Sanayi Bölgesi
Nilüfer | Bursa | Bursa | 16140 | Nilüfer Organize Sanayi Bölgesi
Osmangazi | Bursa | Bursa | 16215 | Demirtaş Organize Sanayi Bölgesi
Yıldırım | Bursa | Bursa | 16330 |
İnegöl | Bursa | Bursa | 16400 | İnegöl Organize Sanayi Bölgesi
Merkezefendi | Denizli | Denizli | 20010 |
Pamukkale | Denizli | Denizli | 20330 | Denizli Organize Sanayi Bölgesi
Buldan | Denizli | Denizli | 20400 |
Şehitkamil | Gaziantep | Gaziantep | 27600 | Gaziantep Organize Sanayi Bölgesi
Şahinbey | Gaziantep | Gaziantep | 27090 |
Onikişubat | Kahramanmaraş | Kahramanmaraş | 46050 | Kahramanmaraş Organize Sanayi Bölgesi
Dulkadiroğlu | Kahramanmaraş | Kahramanmaraş | 46060 |
Torbalı | İzmir | İzmir | 35860 |
Çiğli | İzmir | İzmir | 35620 | Atatürk Organize Sanayi Bölgesi
Çorlu | Tekirdağ | Tekirdağ | 59850 | Çorlu Deri Organize Sanayi Bölgesi
Çerkezköy | Tekirdağ | Tekirdağ | 59500 | Çerkezköy Organize Sanayi Bölgesi
Melikgazi | Kayseri | Kayseri | 38030 | Kayseri Organize Sanayi Bölgesi
Seyhan | Adana | Adana | 01060 | Hacı Sabancı Organize Sanayi Bölgesi
Yeşilyurt | Malatya | Malatya | 44900 | Malatya Organize Sanayi Bölgesi
Merkez | Uşak | Uşak | 64100 | Uşak Organize Sanayi Bölgesi
Lüleburgaz | Kırklareli | Kırklareli | 39750 |
"""),
    localities=_words("""
Mehmet Akif, Cumhuriyet, Fatih, Yenidoğan, Atatürk, İnönü, Mimar Sinan, Yavuz Selim,
Kazım Karabekir, Barbaros, Hürriyet, Güzeltepe, Yunus Emre, Mevlana, Osmangazi, Orhangazi,
Sultan Murat, Namık Kemal, Zafer, Karşıyaka, Altıntepe, Esentepe, Kocatepe, Gültepe
"""),
    roads=_words("""
Fevzi Çakmak, Atatürk, İstiklal, Cumhuriyet, Gazi, Menderes, Kıbrıs Şehitleri, Süleyman
Demirel, Necip Fazıl, Mustafa Kemal, Şehit Polis, Sanayi, Fabrikalar, Organize, Ankara,
İzmir Yolu, Bursa, Londra Asfaltı, Halkalı, Mahmutbey
"""),
    addresses=(
        "{loc} Mah. {road} Cad. No:{n} {town}/{city}",
        "{loc} Mahallesi {road} Caddesi No: {n} {post} {town} / {city}",
        "{zone} {k}. Cadde No:{n} {town} {city}",
        "{loc} Mah. {n}. Sokak No:{m} {town} {city} Türkiye",
        "{zone}, {road} Cad. No: {n}, {post} {town}/{city}",
        "{road} Bulvarı No:{n}/{k} {loc} Mah. {town} {city}",
    ),
    accent_share=0.6,
)

SPECS["PK"] = CountrySpec(
    words=_words("""
Al-Rehman, Ashraf, Azam, Bilal, Crescent Star, Fazal, Gul, Habib, Hamza, Hassan, Iqbal,
Ismail, Jamal, Khalid, Mehran, Noor, Qasim, Rashid, Riaz, Saif, Shafi, Sitara, Tariq, Usman,
Waqas, Yousaf, Zahid, Zubair, Ahmed, Chenab, Indus, Ravi, Sutlej, Jhelum, Kohinoor, Punjab,
Lyallpur, Faisal, Naveed, Arif, Imran, Kamran, Saleem, Shahid, Amin, Hafeez, Majeed, Rafay,
Samad, Aslam, Nadeem, Al-Noor, Al-Hamd, Madina, Makkah, Ittehad, Nishat Ali, Rehmat, Barkat,
Ghani, Hilal, Kausar, Latif, Mubarak, Nawaz, Qadir, Rauf, Sadiq, Tahir, Waheed, Zafar
""")
    + GENERIC,
    products=_words("""
Textile Mills, Textiles, Knitwear, Apparel, Industries, Denim Mills, Hosiery, Fabrics,
Weaving Mills, Spinning Mills, Processing Mills, Sports, Garments, Towels, Leather
"""),
    legal=_forms("(Pvt.) Ltd.|(Pvt) Ltd|(Private) Limited|Limited|Ltd"),
    names=(
        "{a} {p} {l}",
        "{a} {p} {l}",
        "{a} {b} {p} {l}",
        "{a} {p}",
        "{a} {p} Unit {k}",
    ),
    places=_places("""
Faisalabad | Faisalabad | Punjab | 38000 | Faisalabad Industrial Estate; M-3 Industrial City
Sahianwala | Faisalabad | Punjab | 38000 |
Kot Lakhpat | Lahore | Punjab | 54770 | Kot Lakhpat Industrial Estate
Raiwind | Lahore | Punjab | 55150 | Sundar Industrial Estate
Sheikhupura | Sheikhupura | Punjab | 39350 |
SITE | Karachi | Sindh | 75700 | S.I.T.E. Industrial Area
Korangi | Karachi | Sindh | 74900 | Korangi Industrial Area
Landhi | Karachi | Sindh | 75120 | Landhi Export Processing Zone
North Karachi | Karachi | Sindh | 75850 | North Karachi Industrial Area
Sialkot | Sialkot | Punjab | 51310 | Sialkot Industrial Estate
Sambrial | Sialkot | Punjab | 51070 |
Multan | Multan | Punjab | 60000 | Multan Industrial Estate
"""),
    localities=_words("""
Gulberg, Madina Town, Peoples Colony, Samanabad, Jhang Bazar, Ghulam Muhammad Abad,
Mansoorabad, Millat Town, Nishatabad, Bund Road, Township, Shadman, Model Town,
Baldia Town, Orangi, Mehran Town, Bin Qasim, Ugoki, Daska Road, Pasrur Road
"""),
    roads=_words("""
Sheikhupura Road, Jhang Road, Sargodha Road, Satiana Road, Jaranwala Road, Canal Road,
Multan Road, Ferozepur Road, Raiwind Road, Manga Raiwind Road, Mauripur Road,
Korangi Road, Shahrah-e-Faisal, Daska Road, Wazirabad Road, Bosan Road, Vehari Road
"""),
    addresses=(
        "{k}-KM {road}, {town}",
        "Plot No. {n}, Sector {k}-{m}, {zone}, {city}",
        "Plot {n}, Street {k}, {loc}, {city}",
        "{n}-{k}, {zone}, {city}, Pakistan",
        "{k} Km {road}, {loc}, {city} {post}",
        "P-{n}, {road}, {loc}, {city}",
    ),
)

SPECS["ID"] = CountrySpec(
    words=_words("""
Adi, Agung, Alam, Anugerah, Bahagia, Bangun, Berkat, Bina, Buana, Cahaya, Citra, Daya,
Dharma, Eka, Gemilang, Harapan, Indah, Jaya, Karya, Kencana, Lestari, Makmur, Mandiri, Mega,
Mitra, Mulia, Murni, Nusantara, Perkasa, Permata, Prima, Putra, Raya, Sakti, Sejahtera,
Sentosa, Sinar, Subur, Sukses, Surya, Tunggal, Utama, Wijaya, Abadi, Andalan, Baru, Bersama,
Cipta, Dwi, Hasil, Intan, Kurnia, Maju, Manunggal, Mas, Panca, Pratama, Rejeki, Samudra,
Sari, Setia, Sumber, Tri, Warna, Widya, Asia, Pacific, Garuda, Rajawali, Merpati, Bintang,
Mentari, Pelangi, Cemerlang, Gading, Kartika, Lautan, Melati, Mawar, Kenanga, Teratai
"""),
    products=_words("""
Garment, Garmindo, Textile, Tekstil, Apparel, Busana, Knitting, Fashion, Footwear, Shoes,
Sandang, Confection, Textile Industries, Spinning Mills, Dyeing
"""),
    legal=_forms("PT|PT.|PT|PT"),
    names=(
        "{l} {a} {b}",
        "{l} {a} {b} {p}",
        "{l} {a} {p}",
        "{l} {a} {b} Indonesia",
        "{l} {a} {p} Indonesia",
        "{l} {a} {b} {p} Tbk",
        "{a} {b}, {l}",
    ),
    places=_places("""
Majalaya | Kabupaten Bandung | Jawa Barat | 40392 |
Rancaekek | Kabupaten Bandung | Jawa Barat | 40394 |
Cimahi | Cimahi | Jawa Barat | 40533 |
Soreang | Kabupaten Bandung | Jawa Barat | 40911 |
Citeureup | Kabupaten Bogor | Jawa Barat | 16810 |
Gunung Putri | Kabupaten Bogor | Jawa Barat | 16961 |
Cileungsi | Kabupaten Bogor | Jawa Barat | 16820 |
Cikarang | Kabupaten Bekasi | Jawa Barat | 17530 | Jababeka; MM2100; EJIP
Tambun | Kabupaten Bekasi | Jawa Barat | 17510 |
Cikupa | Kabupaten Tangerang | Banten | 15710 | Millennium Industrial Estate
Balaraja | Kabupaten Tangerang | Banten | 15610 |
Jatiuwung | Tangerang | Banten | 15135 |
Cakung | Jakarta Utara | DKI Jakarta | 14140 | KBN Cakung
Purwakarta | Kabupaten Purwakarta | Jawa Barat | 41115 | Kota Bukit Indah
Subang | Kabupaten Subang | Jawa Barat | 41211 |
Majalengka | Kabupaten Majalengka | Jawa Barat | 45411 |
Ungaran | Kabupaten Semarang | Jawa Tengah | 50511 |
Kaliwungu | Kabupaten Kendal | Jawa Tengah | 51372 | Kawasan Industri Kendal
Boyolali | Kabupaten Boyolali | Jawa Tengah | 57312 |
Sukoharjo | Kabupaten Sukoharjo | Jawa Tengah | 57521 |
Sragen | Kabupaten Sragen | Jawa Tengah | 57211 |
Jepara | Kabupaten Jepara | Jawa Tengah | 59418 |
Surakarta | Surakarta | Jawa Tengah | 57126 |
Sidoarjo | Kabupaten Sidoarjo | Jawa Timur | 61252 |
Pasuruan | Kabupaten Pasuruan | Jawa Timur | 67152 | PIER
Batam | Batam | Kepulauan Riau | 29433 | Batamindo Industrial Park
"""),
    localities=_words("""
Desa Sukamaju, Desa Cibodas, Desa Mekarsari, Desa Sukaresmi, Desa Jatimulya, Desa Bojongsari,
Desa Cangkuang, Desa Sindangsari, Desa Karangasem, Desa Gondangrejo, Desa Kalijaga,
Desa Wonorejo, Desa Sidomulyo, Desa Sukoreno, Desa Pakis, Desa Tegalrejo, Kelurahan Jati,
Kelurahan Cibeber, Kelurahan Sukajadi, Kelurahan Margasari
"""),
    roads=_words("""
Raya Bandung-Garut, Jend. Sudirman, Raya Cikarang, Industri, Raya Narogong, Raya Serang,
Imam Bonjol, Diponegoro, Ahmad Yani, Gatot Subroto, Pahlawan, Merdeka, Raya Bogor,
Raya Solo-Sragen, Raya Semarang-Bawen, Siliwangi, Raya Laswi, Raya Majalaya, Raya Cileungsi,
Raya Pasar Kemis, Cakung Cilincing, Raya Jakarta-Bogor
"""),
    addresses=(
        "Jl. {road} No. {n}, {loc}, Kec. {town}, {city}, {region} {post}",
        "Jl. {road} Km. {k}, {town}, {city}, {region}",
        "Kawasan Industri {zone} Blok {k} No. {n}, {town}, {region}",
        "Jl. {road} No. {n} RT.{k}/RW.{m}, {loc}, {town}, {region} {post}",
        "Jalan {road} Kilometer {k}, {town}, {city}, Indonesia",
        "Jl. {road} No.{n}, {town}, {city}",
    ),
)

SPECS["KH"] = CountrySpec(
    words=_words("""
Angkor, Apsara, Bayon, Mekong, Tonle, Kampuchea, Sovann, Rithy, Sokha, Chan, Dara, Sophea,
Vanna, Khmer, Preah, Sen Sok, Neak, Meas, Sok, Vichea, Kolab, Champa, Reaksmey, Borey,
Chenla, Sambo, Kiri, Srey, Mony, Thida
""")
    + CN_WORDS[::40]
    + GENERIC,
    products=_words("""
Garment, Garments, Apparel, Knitting, Textile, Fashion, Shoes, Footwear, Sweater, Knitwear,
Sportswear, Handbags, Embroidery, Washing
"""),
    legal=_forms("Co., Ltd|Co., Ltd.|Co.,Ltd.|Company Limited|Co. Ltd"),
    names=(
        "{a} {p} (Cambodia) {l}",
        "{a} {p} (Cambodia) {l}",
        "{a} {b} {p} {l}",
        "{a} {p} {l}",
        "{a} {p} Factory (Cambodia) {l}",
        "{a} International {p} {l}",
    ),
    places=_places("""
Por Senchey | Phnom Penh | Phnom Penh | 120902 | Phnom Penh Special Economic Zone
Meanchey | Phnom Penh | Phnom Penh | 120601 |
Dangkao | Phnom Penh | Phnom Penh | 121001 |
Russey Keo | Phnom Penh | Phnom Penh | 120801 |
Sen Sok | Phnom Penh | Phnom Penh | 120802 |
Takhmao | Kandal | Kandal | 080101 |
Ang Snuol | Kandal | Kandal | 080201 |
Ponhea Leu | Kandal | Kandal | 081101 |
Kien Svay | Kandal | Kandal | 080501 |
Samrong Tong | Kampong Speu | Kampong Speu | 050701 |
Chbar Mon | Kampong Speu | Kampong Speu | 050101 |
Bavet | Svay Rieng | Svay Rieng | 200801 | Manhattan Special Economic Zone; Tai Seng SEZ
Prey Kabbas | Takeo | Takeo | 210601 |
Kampong Siem | Kampong Cham | Kampong Cham | 030601 |
Stueng Hav | Preah Sihanouk | Preah Sihanouk | 180301 | Sihanoukville Special Economic Zone
Rolea B'ier | Kampong Chhnang | Kampong Chhnang | 040601 |
"""),
    localities=_words("""
Phum Trapeang Thloeng, Phum Tuol Pongro, Phum Prey Tea, Phum Chom Chau, Phum Kantaok,
Phum Ta Nguon, Phum Damnak Thom, Phum Kbal Damrei, Phum Trapeang Kraloeng, Phum Veal Sbov,
Phum Prek Thmei, Phum Chak Angre, Phum Steung Meanchey, Phum Toul Sangke, Phum Kakab
"""),
    roads=_words("""
National Road No. 4, National Road No. 3, National Road No. 2, National Road No. 1,
National Road No. 5, National Road No. 6A, Veng Sreng Boulevard, Russian Federation Boulevard,
Street 598, Street 2004, Street 271, Hun Sen Boulevard, Chbar Ampov Road
"""),
    addresses=(
        "{road}, {loc}, Sangkat {town}, Khan {town}, {city}",
        "{loc}, Khum {town}, Srok {town}, {region} Province",
        "Lot {k}, {zone}, {region}",
        "{road}, {loc}, {town}, {region}, Cambodia",
        "Street {n}, {loc}, Sangkat {town}, {city}",
    ),
)

SPECS["LK"] = CountrySpec(
    words=_words("""
Amila, Asanka, Bandara, Chathura, Dilan, Gamini, Jayasinghe, Kandy, Lanka, Mahesh, Nimal,
Perera, Ranasinghe, Ruhuna, Senanayake, Silva, Sunil, Thilak, Wickrama, Wijaya, Ceylon,
Serendib, Udaya, Sampath, Kelani, Mahaweli, Rajarata, Dinesh, Ruwan, Nuwan, Kumara, Ravindra,
Indika, Pradeep, Saman, Lalith, Gayan, Chaminda, Tharaka, Janaka, Sigiri, Dambulla, Galle Face,
Nilwala, Walawe, Kalu, Uva, Sabaragamuwa, Wayamba, Dumbara
""")
    + GENERIC,
    products=_words("""
Apparel, Apparels, Garments, Knitting Mills, Clothing, Textiles, Fabrics, Intimates,
Lanka, Exports, Industries, Fashions, Embellishments, Accessories, Knit
"""),
    legal=_forms("(Pvt) Ltd|(Pvt) Ltd.|(Private) Limited|Pvt Ltd|PLC|Limited"),
    names=(
        "{a} {p} {l}",
        "{a} {p} {l}",
        "{a} {b} {p} {l}",
        "{a} {l}",
        "{a} {p} - {town} {l}",
    ),
    places=_places("""
Katunayake | Gampaha | Western | 11450 | Katunayake Export Processing Zone
Biyagama | Gampaha | Western | 11650 | Biyagama Export Processing Zone
Wathupitiwala | Gampaha | Western | 11856 | Wathupitiwala Export Processing Zone
Mirigama | Gampaha | Western | 11200 | Mirigama Export Processing Zone
Ja-Ela | Gampaha | Western | 11350 |
Kadawatha | Gampaha | Western | 11850 |
Wattala | Gampaha | Western | 11300 |
Ekala | Gampaha | Western | 11380 | Ekala Industrial Estate
Koggala | Galle | Southern | 80630 | Koggala Export Processing Zone
Avissawella | Colombo | Western | 10700 | Seethawaka Industrial Park
Horana | Kalutara | Western | 12400 | Horana Export Processing Zone
Panadura | Kalutara | Western | 12500 |
Kurunegala | Kurunegala | North Western | 60000 |
Polonnaruwa | Polonnaruwa | North Central | 51000 | Polonnaruwa Export Processing Zone
Pallekele | Kandy | Central | 20168 | Pallekele Industrial Estate
Rajagiriya | Colombo | Western | 10100 |
Nugegoda | Colombo | Western | 10250 |
Matara | Matara | Southern | 81000 |
"""),
    localities=_words("""
Kimbulapitiya, Minuwangoda Road, Averiwatte, Seeduwa, Kandana, Mahara, Kiribathgoda,
Dalugama, Makola, Kelaniya, Pamunugama, Kotugoda, Nittambuwa, Veyangoda, Pugoda, Pannala,
Ahangama, Habaraduwa, Bandaragama, Piliyandala
"""),
    roads=_words("""
Negombo Road, Kandy Road, Minuwangoda Road, Colombo Road, Galle Road, High Level Road,
Old Road, Temple Road, Station Road, Hospital Road, Baseline Road, Kotte Road, Main Street
"""),
    addresses=(
        "No. {n}, {road}, {town}",
        "{zone}, {town} {post}",
        "Lot {k}, {zone}, {town}",
        "No. {n}/{k}, {road}, {loc}, {town}, Sri Lanka",
        "{n}, {road}, {town}, {city} District",
    ),
)

SPECS["MM"] = CountrySpec(
    words=_words("""
Aung, Htet, Kyaw, Myat, Min, Nay, Phyo, Shwe, Thant, Thein, Thu, Win, Zaw, Hlaing, Mya,
Ngwe, Pyae, Sein, Soe, Tun, Yadanar, Ayeyar, Bagan, Irrawaddy, Golden Land, Shwe Taung,
Myint, Oo, Naing, Lwin, Moe, Khin, Ye, Htoo, Myo, Nyein, Thura, Pyi, Zeya, Yoma
""")
    + CN_WORDS[::60],
    products=_words("""
Garment, Garment Manufacturing, Apparel, Textile, Knitting, Fashion, Shoes, Industrial,
Wigs, Sweater
"""),
    legal=_forms("Co., Ltd|Co., Ltd.|Company Limited|Co.,Ltd"),
    names=(
        "{a} {b} {p} {l}",
        "{a} {p} {l}",
        "Myanmar {a} {p} {l}",
        "{a} {p} (Myanmar) {l}",
    ),
    places=_places("""
Hlaing Tharyar | Yangon | Yangon | 11401 | Hlaing Tharyar Industrial Zone
Shwepyithar | Yangon | Yangon | 11411 | Shwepyithar Industrial Zone
Mingaladon | Yangon | Yangon | 11021 | Mingaladon Industrial Park
Dagon Seikkan | Yangon | Yangon | 11441 | Dagon Seikkan Industrial Zone
South Dagon | Yangon | Yangon | 11431 | South Dagon Industrial Zone
North Okkalapa | Yangon | Yangon | 11031 |
Thanlyin | Yangon | Yangon | 11291 | Thilawa Special Economic Zone
Insein | Yangon | Yangon | 11011 |
Bago | Bago | Bago | 08011 | Bago Industrial Zone
Pyigyitagon | Mandalay | Mandalay | 05051 | Mandalay Industrial Zone
"""),
    localities=_words("""
Ward 1, Ward 2, Ward 3, Ward 5, Ward 7, Ward 9, Ward 12, Ward 15, Ward 16, Ward 18,
Ward 20, Ward 24, Ward 30
"""),
    roads=_words("""
Bayintnaung, Yangon-Pathein, Pyay, Khayaepin, Shwe Lin Ban, Anawrahta, Bogyoke, Minye Kyawswa,
Industrial Zone 2, Yangon-Mandalay Highway, No. 3 Main
"""),
    addresses=(
        "Plot No. {n}, {zone} No. ({k}), {town} Township, {city}",
        "No. {n}, {road} Road, {loc}, {town} Township, {region} Region",
        "Plot {n}/{m}, {zone}, {town}, {city}",
        "No. {n}, {road} Road, {town} Tsp, {city}, Myanmar",
    ),
)

SPECS["ET"] = CountrySpec(
    words=_words("""
Abay, Adama, Almaz, Ambo, Awash, Axum, Bahir, Bole, Dashen, Dire, Entoto, Ethio, Fasil, Gihon,
Habesha, Harar, Lalibela, Meskel, Selam, Sheba, Tana, Tigist, Walia, Yegna, Zemen, Abebe,
Alem, Bereket, Dawit, Genet, Hiwot, Kebede, Mulu, Tadesse, Tesfaye, Yohannes, Ayele, Mesfin,
Negash, Simien, Rift Valley, Omo, Afar, Sidama, Gondar
""")
    + CN_WORDS[::150]
    + GENERIC[::3],
    products=_words("""
Garment, Textile, Apparel Manufacturing, Leather Industry, Shoe Factory, Knitting, Tannery,
Spinning, Textile and Garment
"""),
    legal=_forms("PLC|P.L.C.|Share Company|PLC"),
    names=("{a} {p} {l}", "{a} {b} {p} {l}", "{a} {p}", "{a} {p} Ethiopia {l}"),
    places=_places("""
Hawassa | Hawassa | Sidama | 1000 | Hawassa Industrial Park
Mekelle | Mekelle | Tigray | 231 | Mekelle Industrial Park
Kombolcha | Kombolcha | Amhara | 5000 | Kombolcha Industrial Park
Adama | Adama | Oromia | 1888 | Adama Industrial Park
Bahir Dar | Bahir Dar | Amhara | 6000 | Bahir Dar Industrial Park
Dire Dawa | Dire Dawa | Dire Dawa | 3000 | Dire Dawa Industrial Park
Bole | Addis Ababa | Addis Ababa | 1000 | Bole Lemi Industrial Park
Akaki Kality | Addis Ababa | Addis Ababa | 1000 | Kilinto Industrial Park
Kolfe Keranio | Addis Ababa | Addis Ababa | 1000 |
Lideta | Addis Ababa | Addis Ababa | 1000 |
Debre Birhan | Debre Birhan | Amhara | 445 |
"""),
    localities=_words(
        "Kebele 01, Kebele 03, Kebele 05, Kebele 08, Kebele 11, Kebele 14, Kebele 17"
    ),
    roads=_words("Ring Road, Debre Zeit Road, Jimma Road, Africa Avenue, Djibouti Road"),
    addresses=(
        "Shed {k}, {zone}, {town}",
        "{loc}, Woreda {k}, {town} Sub-city, {city}",
        "{zone}, {city}, {region} Region",
        "{road}, {loc}, {town}, {city}, Ethiopia",
    ),
)

SPECS["MX"] = CountrySpec(
    words=_words("""
Aguilar, Alba, Azteca, Bravo, Castillo, Cruz, Del Bajío, Del Norte, Díaz, Estrella, Flores,
García, Guadalupe, Hernández, Jiménez, Juárez, López, Maya, Medina, Mendoza, Morales,
Navarro, Olmeca, Ortega, Pacífico, Paloma, Ramírez, Reyes, Rivera, Rojas, Salazar, Sánchez,
Santa Fe, Sierra, Sol, Torres, Tulum, Valle, Vargas, Vega, Zapata, Zaragoza, Monarca, Aurora,
Cielo, Luna, Montaña, Plata, Jaguar, Quetzal, Maguey, Nopal, Tonalá, Anáhuac, Cuauhtémoc,
Itzel, Xóchitl, Mictlán, Tláloc, Ixtapa, Mazatlán, Cancún
"""),
    products=_words("""
Confecciones, Textiles, Maquiladora, Calzado, Prendas, Manufacturas, Mezclilla, Tejidos,
Industrias, Uniformes, Bordados, Lavandería
"""),
    legal=_forms("S.A. de C.V.|S.A. de C.V.|S. de R.L. de C.V.|SA de CV|S.A.P.I. de C.V."),
    names=(
        "{p} {a} {l}",
        "{p} {a} {l}",
        "{a} {b} {l}",
        "{p} {a} {b} {l}",
        "Grupo {a} {p} {l}",
        "{p} {a}",
    ),
    places=_places("""
Tehuacán | Tehuacán | Puebla | 75700 | Parque Industrial Tehuacán
San Martín Texmelucan | San Martín Texmelucan | Puebla | 74000 |
Puebla | Puebla | Puebla | 72000 | Parque Industrial Puebla 2000
Apizaco | Apizaco | Tlaxcala | 90300 | Parque Industrial Xicohténcatl
Naucalpan | Naucalpan de Juárez | Estado de México | 53370 | Parque Industrial Naucalpan
Tlalnepantla | Tlalnepantla de Baz | Estado de México | 54030 |
Ecatepec | Ecatepec de Morelos | Estado de México | 55000 |
Iztapalapa | Ciudad de México | Ciudad de México | 09000 |
Azcapotzalco | Ciudad de México | Ciudad de México | 02000 | Industrial Vallejo
Guadalajara | Guadalajara | Jalisco | 44100 |
Zapopan | Zapopan | Jalisco | 45010 | Parque Industrial Belenes
León | León | Guanajuato | 37000 | Parque Industrial Santa Crocce
Moroleón | Moroleón | Guanajuato | 38800 |
Uriangato | Uriangato | Guanajuato | 38980 |
Aguascalientes | Aguascalientes | Aguascalientes | 20000 | Parque Industrial San Francisco
Mérida | Mérida | Yucatán | 97000 |
Torreón | Torreón | Coahuila | 27000 | Parque Industrial Lajas
Ciudad Juárez | Juárez | Chihuahua | 32000 | Parque Industrial Antonio J. Bermúdez
Tulancingo | Tulancingo | Hidalgo | 43600 |
Tepeji del Río | Tepeji del Río | Hidalgo | 42850 |
"""),
    localities=_words("""
Centro, San Miguel, Santa Cruz, El Carmen, La Asunción, San José, Guadalupe, Industrial,
Obrera, Reforma, Moderna, Las Flores, San Pedro, Lomas del Valle, Jardines, El Mirador
"""),
    roads=_words("""
Independencia, Reforma, Juárez, Hidalgo, Morelos, Insurgentes, Madero, 5 de Mayo,
16 de Septiembre, Revolución, Zaragoza, Allende, Carranza, Benito Juárez, López Mateos,
Vicente Guerrero, Miguel Alemán, Las Torres, Industrial
"""),
    addresses=(
        "Av. {road} No. {n}, Col. {loc}, C.P. {post}, {town}, {region}",
        "Calle {road} {n}, {zone}, {town}, {region}",
        "Carretera Federal {k} Km {n}, {town}, {region}",
        "{road} #{n}, Col. {loc}, {town}, {region}, México",
        "Blvd. {road} {n} Int. {k}, {loc}, {post} {town}, {region}",
    ),
    accent_share=0.6,
)

SPECS["BR"] = CountrySpec(
    words=_words("""
Alvorada, Amazonas, Aurora, Bela, Boa Vista, Brisa, Cabral, Campos, Carvalho, Costa,
Cristal, Dourado, Esperança, Estrela, Ferreira, Flor, Fonseca, Gaúcha, Girassol, Horizonte,
Ipê, Iracema, Itapuã, Jardim, Lima, Lua, Luz, Mar, Marques, Mineira, Monte, Nascimento, Nova,
Oliveira, Paraíso, Pereira, Pinheiro, Primavera, Real, Ribeiro, Rocha, Santos, Serra, Silva,
Sol, Souza, Tropical, Vale, Verde, Vitória, Araújo, Barbosa, Cardoso, Correia, Duarte,
Fernandes, Gomes, Machado, Martins, Mendes, Moreira, Nunes, Teixeira, Vieira, Xavier,
Aquarela, Beija-Flor, Cajueiro, Coqueiro, Ipanema, Jacarandá, Maracujá, Pitanga, Sabiá
"""),
    products=_words("""
Confecções, Confecções, Têxtil, Calçados, Malharia, Indústria e Comércio de Roupas,
Jeans, Modas, Tecelagem, Fiação, Artigos do Vestuário, Bordados, Lavanderia
"""),
    legal=_forms("LTDA|Ltda|Ltda.|LTDA - ME|EIRELI|S.A.|Ltda - EPP"),
    names=(
        "{a} {p} {l}",
        "{a} {p} {l}",
        "{p} {a} {l}",
        "{a} {b} {p} {l}",
        "{a} {b} Indústria e Comércio de Roupas {l}",
        "Malharia {a} {l}",
    ),
    places=_places("""
Brás | São Paulo | SP | 03005-000 |
Bom Retiro | São Paulo | SP | 01124-000 |
Americana | Americana | SP | 13465-000 | Distrito Industrial
Santa Bárbara d'Oeste | Santa Bárbara d'Oeste | SP | 13450-000 |
Nova Odessa | Nova Odessa | SP | 13380-000 |
Sorocaba | Sorocaba | SP | 18087-000 |
Franca | Franca | SP | 14400-000 | Distrito Industrial
Jundiaí | Jundiaí | SP | 13212-000 |
Blumenau | Blumenau | SC | 89010-000 |
Brusque | Brusque | SC | 88350-000 |
Jaraguá do Sul | Jaraguá do Sul | SC | 89251-000 |
Gaspar | Gaspar | SC | 89110-000 |
Pomerode | Pomerode | SC | 89107-000 |
Criciúma | Criciúma | SC | 88801-000 |
Fortaleza | Fortaleza | CE | 60000-000 |
Maracanaú | Maracanaú | CE | 61900-000 | Distrito Industrial de Maracanaú
Maringá | Maringá | PR | 87000-000 |
Cianorte | Cianorte | PR | 87200-000 |
Apucarana | Apucarana | PR | 86800-000 |
Divinópolis | Divinópolis | MG | 35500-000 |
Juiz de Fora | Juiz de Fora | MG | 36010-000 |
Nova Serrana | Nova Serrana | MG | 35520-000 | Distrito Industrial
Novo Hamburgo | Novo Hamburgo | RS | 93300-000 |
Sapiranga | Sapiranga | RS | 93800-000 |
Caruaru | Caruaru | PE | 55000-000 | Polo Comercial
Santa Cruz do Capibaribe | Santa Cruz do Capibaribe | PE | 55190-000 |
Toritama | Toritama | PE | 55125-000 |
Goiânia | Goiânia | GO | 74000-000 |
Petrópolis | Petrópolis | RJ | 25600-000 |
Nova Friburgo | Nova Friburgo | RJ | 28600-000 |
"""),
    localities=_words("""
Centro, Vila Nova, Jardim América, Itoupava Norte, Velha, Garcia, Santa Terezinha, Boa Vista,
Planalto, São Pedro, São José, Vila Industrial, Jardim Primavera, Parque Industrial, Bela Vista,
Santo Antônio, Nossa Senhora das Graças, Vila Operária, Água Verde, Progresso
"""),
    roads=_words("""
Rua São Pedro, Rua XV de Novembro, Rua Sete de Setembro, Rua Tiradentes, Rua Bahia,
Rua José Paulino, Rua Oriente, Avenida Brasil, Avenida Getúlio Vargas, Rua Dom Pedro II,
Rua Santos Dumont, Rua Itajaí, Avenida das Indústrias, Rua Amazonas, Rua Rio Grande do Sul,
Rodovia BR-470, Rodovia SP-304, Rua Marechal Deodoro, Avenida Brasil Sul
"""),
    addresses=(
        "{road}, {n} - {loc}, {town} - {region}, {post}",
        "{road}, {n}, Galpão {k}, {loc}, {town}/{region}",
        "{road}, {n}, {loc}, {city} - {region}",
        "{road} Km {k}, {zone}, {town} - {region}, {post}",
        "{n} {road}, Sala {k}, {loc}",
    ),
    accent_share=0.7,
)

SPECS["TH"] = CountrySpec(
    words=_words("""
Siam, Thai, Sakul, Chai, Charoen, Somboon, Sirichai, Wattana, Pattana, Thanya, Rattana,
Sukhum, Kasem, Prasert, Saeng, Sawang, Thong, Ngern, Mongkol, Chokchai, Rungruang, Thanakorn,
Kittisak, Nakorn, Udom, Wiwat, Phiset, Supachai, Amarin, Benja, Dusit, Kanok, Lanna,
Chaiyo, Sombat, Thawee, Wanich, Yothin, Sirikul, Boonyong, Chaiwat, Pornchai, Suwan
""")
    + GENERIC[::2],
    products=_words("""
Garment, Textile, Knitting Factory, Apparel, Fashion, Weaving, Dyeing, Footwear, Industry,
Lace, Embroidery, Sportswear
"""),
    legal=_forms("Co., Ltd.|Co., Ltd|Company Limited|Public Company Limited|Co.,Ltd."),
    names=("{a} {b} {p} {l}", "{a} {p} {l}", "{a} {p} {l}", "{a}{b} {p} {l}"),
    places=_places("""
Bang Khun Thian | Bangkok | Bangkok | 10150 |
Bang Bon | Bangkok | Bangkok | 10150 |
Lat Krabang | Bangkok | Bangkok | 10520 | Lat Krabang Industrial Estate
Bang Na | Bangkok | Bangkok | 10260 |
Nong Khaem | Bangkok | Bangkok | 10160 |
Bang Phli | Samut Prakan | Samut Prakan | 10540 | Bangplee Industrial Estate
Phra Pradaeng | Samut Prakan | Samut Prakan | 10130 |
Bang Bo | Samut Prakan | Samut Prakan | 10560 |
Mueang Samut Sakhon | Samut Sakhon | Samut Sakhon | 74000 |
Krathum Baen | Samut Sakhon | Samut Sakhon | 74110 |
Sam Phran | Nakhon Pathom | Nakhon Pathom | 73110 |
Khlong Luang | Pathum Thani | Pathum Thani | 12120 | Navanakorn Industrial Estate
Si Racha | Chonburi | Chonburi | 20230 | Pinthong Industrial Estate
Bang Pa-in | Ayutthaya | Phra Nakhon Si Ayutthaya | 13160 | Bang Pa-in Industrial Estate
Mae Sot | Tak | Tak | 63110 |
Mueang Chiang Mai | Chiang Mai | Chiang Mai | 50000 |
"""),
    localities=_words("""
Bang Mot, Samae Dam, Tha Kham, Bang Phli Yai, Bang Sao Thong, Om Noi, Khlong Nueng,
Khlong Song, Tha Chalom, Bang Ya Phraek, Rai Khing, Bueng, Surasak, Mae Pa
"""),
    roads=_words("""
Rama II, Phetkasem, Bangna-Trad, Sukhumvit, Srinakarin, Theparak, Suksawat, Phaholyothin,
Setthakit 1, Ekkachai, Phutthamonthon Sai 5, Asia, Sirindhorn
"""),
    addresses=(
        "{n}/{k} Moo {k}, {road} Road, Tambon {loc}, Amphoe {town}, {region} {post}",
        "{n} Soi {road} {k}, {road} Road, {loc}, {town}, Bangkok {post}",
        "{zone}, {n}/{m} Moo {k}, {town}, {region}",
        "{n}/{k} Moo {k}, {loc}, {town}, {region} {post} Thailand",
    ),
)

SPECS["MA"] = CountrySpec(
    words=_words("""
Atlas, Andalous, Anfa, Argane, Badr, Bahia, Chaouia, Dar, El Amal, El Baraka, El Fath, Fadila,
Hassan, Ibn Battouta, Jawhara, Karama, Maghreb, Najah, Nour, Oasis, Rif, Riad, Sahara, Salam,
Souss, Tafilalet, Tazi, Yasmine, Zahra, Amine, Bennani, Berrada, Chraibi, Fassi, Idrissi,
Lahlou, Mansouri, Alaoui, Benjelloun, Tahiri, Méditerranée, Détroit, Océan, Étoile, Cèdre
"""),
    products=_words("""
Confection, Textile, Bonneterie, Denim, Sport, Tricotage, Jeans, Habillement, Lingerie,
Broderie, Délavage
"""),
    legal=_forms("SARL|S.A.R.L.|SA|SARL AU|S.A."),
    names=(
        "{a} {p} {l}",
        "Société {a} {p} {l}",
        "Ste {a} {p} {l}",
        "{p} {a} {l}",
        "{a} {b} {p} {l}",
    ),
    places=_places("""
Gzenaya | Tanger | Tanger-Tétouan-Al Hoceïma | 90000 | Zone Franche d'Exportation de Tanger
Mghogha | Tanger | Tanger-Tétouan-Al Hoceïma | 90060 | Zone Industrielle Mghogha
Sidi Moumen | Casablanca | Casablanca-Settat | 20400 | Zone Industrielle Sidi Moumen
Ain Sebaâ | Casablanca | Casablanca-Settat | 20250 | Zone Industrielle Ain Sebaâ
Bernoussi | Casablanca | Casablanca-Settat | 20600 | Zone Industrielle Bernoussi
Lissasfa | Casablanca | Casablanca-Settat | 20230 | Zone Industrielle Lissasfa
Moulay Rachid | Casablanca | Casablanca-Settat | 20450 |
Sidi Brahim | Fès | Fès-Meknès | 30000 | Quartier Industriel Sidi Brahim
Ain Chkef | Fès | Fès-Meknès | 30050 |
Salé | Salé | Rabat-Salé-Kénitra | 11000 | Technopolis
Tétouan | Tétouan | Tanger-Tétouan-Al Hoceïma | 93000 |
Sidi Ghanem | Marrakech | Marrakech-Safi | 40110 | Zone Industrielle Sidi Ghanem
Kénitra | Kénitra | Rabat-Salé-Kénitra | 14000 | Atlantic Free Zone
Mohammedia | Mohammedia | Casablanca-Settat | 28810 |
"""),
    localities=_words("""
Quartier Industriel, Hay Mohammadi, Hay Hassani, Derb Sultan, Hay Moulay Rachid, Bir Chifa,
Boukhalef, Mesnana, Dradeb, Hay Al Matar
"""),
    roads=_words("""
Rue Ibn Sina, Boulevard Mohammed V, Route de Rabat, Route de Tétouan, Rue Al Majd,
Boulevard Hassan II, Route de Meknès, Rue Oued Sebou, Avenue des FAR, Route Côtière
"""),
    addresses=(
        "Lot {n}, {zone}, {city} {post}",
        "{n}, {road}, {loc}, {city}",
        "Zone Franche d'Exportation, Ilot {k}, Lot {n}, {city}",
        "{road}, Km {k}, {town}, {city}, Maroc",
        "Lot N° {n}, {loc}, {town} {post} {city}",
    ),
    accent_share=0.6,
)


# Letters NFKD does not take apart into a base letter and an accent.
_SPECIAL_FOLDS = {"ı": "i", "İ": "I", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss"}


def fold_accents(text: str) -> str:
    """ASCII letters for accented ones (é -> e, ı -> i, đ -> d); other text unchanged."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.translate({ord(k): v for k, v in _SPECIAL_FOLDS.items()})


def _fold_table(texts: Iterable[str]) -> dict[int, str]:
    """fold_accents as a str.translate table for the letters of ``texts``: much faster."""
    return {ord(c): fold_accents(c) for c in set("".join(texts)) if not c.isascii()}


_FIELD_NAMES: dict[str, tuple[str, ...]] = {}


def _fields(template: str) -> tuple[str, ...]:
    fields = _FIELD_NAMES.get(template)
    if fields is None:
        fields = tuple(f for _, f, _, _ in string.Formatter().parse(template) if f)
        _FIELD_NAMES[template] = fields
    return fields


class _CountryGenerator:
    """Fills one country's templates; keeps the lookups out of the hot loop."""

    def __init__(self, code: str, spec: CountrySpec) -> None:
        self.code = code
        self.spec = spec
        self.addresses_any = spec.addresses
        self.addresses_plain = tuple(t for t in spec.addresses if "{zone}" not in t)
        every_text: list[str] = [*spec.words, *spec.products, *spec.legal, *spec.localities]
        every_text += [*spec.roads, *spec.names, *spec.addresses]
        for place in spec.places:
            every_text += [place.town, place.city, place.region, *place.zones]
        self.fold = _fold_table(every_text)

    def fill(self, rng: random.Random, template: str, place: Place, values: dict[str, str]) -> str:
        spec = self.spec
        for field in _fields(template):
            if field in values:
                continue
            if field == "a":
                values["a"] = rng.choice(spec.words)
            elif field == "b":
                word = rng.choice(spec.words)
                while word == values.get("a"):
                    word = rng.choice(spec.words)
                values["b"] = word
            elif field == "p":
                values["p"] = rng.choice(spec.products)
            elif field == "l":
                values["l"] = rng.choice(spec.legal)
            elif field == "town":
                values["town"] = place.town
            elif field == "city":
                values["city"] = place.city
            elif field == "region":
                values["region"] = place.region
            elif field == "post":
                values["post"] = place.postcode
            elif field == "zone":
                values["zone"] = rng.choice(place.zones)
            elif field == "loc":
                values["loc"] = rng.choice(spec.localities)
            elif field == "road":
                values["road"] = rng.choice(spec.roads)
            elif field == "n":
                values["n"] = str(int(rng.paretovariate(1.2) * 3) % 2000 + 1)
            elif field == "m":
                values["m"] = str(rng.randint(1, 99))
            elif field == "k":
                values["k"] = str(rng.randint(1, 12))
            else:  # pragma: no cover - a typo in a template
                raise KeyError(f"{self.code}: unknown field {field!r} in {template!r}")
        return template.format_map(values)

    def facility(self, rng: random.Random, taken: set[str]) -> tuple[str, str, str]:
        spec = self.spec
        place = rng.choice(spec.places)
        folded = rng.random() >= spec.accent_share
        upper = rng.random() < spec.upper_share
        name = ""
        for _ in range(8):
            name = self.fill(rng, rng.choice(spec.names), place, {})
            name = name.translate(self.fold) if folded else name
            if name.casefold() not in taken:
                break
        else:
            # Real lists disambiguate the same company's sites the same way.
            name = f"{name} (Unit {rng.randint(2, 99)})"
            while name.casefold() in taken:
                name = f"{name} {rng.randint(2, 9)}"
        taken.add(name.casefold())
        templates = self.addresses_any if place.zones else self.addresses_plain
        address = self.fill(rng, rng.choice(templates), place, {})
        address = address.translate(self.fold) if folded else address
        city = place.city.translate(self.fold) if folded else place.city
        if upper:
            name, address = name.upper(), address.upper()
        return name, address, city


def generate_facilities(n: int, seed: int = 1) -> list[dict[str, object]]:
    """``n`` production sites with keys key, country, name, address, city, sector (keys 1..n).

    The same ``n`` and ``seed`` always give the same sites. Names are unique within a country
    (case-insensitively); addresses and towns repeat, as they do in the real registry.
    """
    rng = random.Random(seed)
    codes = list(COUNTRY_SHARES)
    countries = rng.choices(codes, weights=[COUNTRY_SHARES[c] for c in codes], k=n)
    generators = {code: _CountryGenerator(code, SPECS[code]) for code in codes}
    taken: dict[str, set[str]] = {code: set() for code in codes}
    facilities: list[dict[str, object]] = []
    append = facilities.append
    for key, country in enumerate(countries, start=1):
        name, address, city = generators[country].facility(rng, taken[country])
        append(
            {
                "key": key,
                "country": country,
                "name": name,
                "address": address,
                "city": city,
                "sector": SECTOR,
            }
        )
    return facilities


# ---------------------------------------------------------------------------------------------
# Noisy queries: the ways a supplier list row or a reporter names a site differently.
# The functions work on any record with name, address, country (and city when known), so the
# same kinds of noise are applied to the real Open Supply Hub records in corpora.py.
# ---------------------------------------------------------------------------------------------

LIST_ROW_KINDS = (
    "typo",
    "legal_form",
    "case_punct_accent",
    "word_order",
    "abbreviation",
    "name_only",
    "transliteration",
)
REPORTER_KINDS = ("partial_name", "address_only")
KINDS = LIST_ROW_KINDS + REPORTER_KINDS


@dataclass(frozen=True, slots=True)
class Query:
    """One search: ``name``/``address`` for a list row, ``text`` for what a reporter typed."""

    id: int
    expected_key: int
    country: str | None
    name: str
    address: str
    text: str
    kind: str
    # Other keys that are the same site (duplicates within a real registry); empty when none.
    also_correct: tuple[int, ...] = ()

    def as_text(self) -> str:
        """The query as one string, for engines that take a single string."""
        return self.text or f"{self.name} {self.address}".strip()


Record = dict[str, object]
Noise = Callable[[random.Random, Record], "tuple[str, str, str] | None"]

# Legal forms as lists write them; each pattern with what another list writes instead ("" drops).
_LEGAL_FORMS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    # The look-behind keeps "sa" from matching the end of "Mimosa".
    (re.compile(r"\s*(?<!\w)" + pattern.removeprefix(r"\s*"), re.IGNORECASE), alternatives)
    for pattern, alternatives in (
        (r"\s*industrial co\.?,?\s*ltd\.?$", (" Co., Ltd.", " Industry Company Limited", "")),
        (r"\s*co\.?,?\s*ltd\.?$", (" Company Limited", " Co Ltd", "", " Limited", " Co.,Ltd")),
        (r"\s*company limited$", (" Co., Ltd.", " Co Ltd", "", " Ltd")),
        (r"\s*public company limited$", (" PCL", " Co., Ltd.", "")),
        (r"\s*\(?(pvt|private)\.?\)?\s*(ltd|limited)\.?$", (" Pvt Ltd", " Private Limited", "")),
        (r"\s*\(p\)\s*ltd\.?$", (" Pvt Ltd", " Private Limited", "")),
        (r"\s*s\.?\s*a\.?\s*(p\.?\s*i\.?\s*)?de\s*c\.?\s*v\.?$", (" SA de CV", " S.A.", "")),
        (r"\s*s\.?\s*de\s*r\.?\s*l\.?\s*de\s*c\.?\s*v\.?$", (" S de RL de CV", "")),
        (r"\s*(san\.|sanayi)\s*(ve\s*)?(tic\.|ticaret)\s*a\.?\s*[şs]\.?$", (" A.Ş.", " AS", "")),
        (r"\s*(san\.|sanayi).*(ltd\.?|limited)\s*(şti|sti|şirketi|sirketi)\.?$", (" Ltd", "")),
        (r"\s*ltd\.?\s*ş?s?ti\.?$", (" Limited Şirketi", "")),
        (r"\s*a\.?\s*[şs]\.?$", (" Anonim Şirketi", " AS", "")),
        (r"\s*joint stock company$", (" JSC", " J.S.C", "")),
        (r"\s*j\.?s\.?c\.?$", (" Joint Stock Company", "")),
        (r"\s*ltda\.?(\s*-\s*(me|epp))?$", (" Limitada", "")),
        (r"\s*eireli$", (" Ltda", "")),
        (r"\s*s\.?a\.?r\.?l\.?(\s*au)?$", (" S.A.R.L", "")),
        (r"\s*p\.?l\.?c\.?$", (" Private Limited Company", "")),
        (r"\s*share company$", (" S.C.", " PLC", "")),
        (r"\s*(ltd|limited)\.?$", (" Limited", " Ltd", "")),
        (r"\s*(llc|inc\.?|corp\.?|gmbh|s\.?a\.?|llp|tbk)$", ("",)),
        (r",?\s*pt\.?$", ("",)),
    )
)
_LEGAL_PREFIXES = re.compile(
    r"^(c[oô]ng ty (tnhh|c[oổ] ph[aầ]n)( mtv)?|t[oổ]ng c[oô]ng ty|pt\.?|soci[ée]t[ée]|ste)\s+",
    re.IGNORECASE,
)

# Long and short forms that lists use interchangeably; matched as whole words either way.
_ABBREVIATIONS = (
    ("Road", "Rd"),
    ("Street", "St"),
    ("Avenue", "Ave"),
    ("Industrial", "Ind"),
    ("Industries", "Inds"),
    ("Industry", "Ind"),
    ("Private Limited", "Pvt Ltd"),
    ("Limited", "Ltd"),
    ("Company", "Co"),
    ("Garments", "Gmts"),
    ("Garment", "Gmt"),
    ("Textiles", "Tex"),
    ("Textile", "Tex"),
    ("International", "Intl"),
    ("Manufacturing", "Mfg"),
    ("Export Processing Zone", "EPZ"),
    ("Special Economic Zone", "SEZ"),
    ("Industrial Estate", "Ind Estate"),
    ("Industrial Park", "IP"),
    ("Economic and Technological Development Zone", "ETDZ"),
    ("Development Zone", "Dev Zone"),
    ("Village", "Vill"),
    ("District", "Dist"),
    ("Province", "Prov"),
    ("Number", "No"),
    ("Building", "Bldg"),
    ("Highway", "Hwy"),
    ("Sector", "Sec"),
    ("Township", "Tsp"),
    ("Boulevard", "Blvd"),
    ("Sanayi", "San"),
    ("Ticaret", "Tic"),
    ("Mahallesi", "Mah"),
    ("Sokak", "Sok"),
    ("Caddesi", "Cad"),
    ("Organize Sanayi Bölgesi", "OSB"),
    ("Avenida", "Av"),
    ("Colonia", "Col"),
    ("Carretera", "Carr"),
    ("Rodovia", "Rod"),
    ("Indústria", "Ind"),
    ("Comércio", "Com"),
    ("Jalan", "Jl"),
    ("Kecamatan", "Kec"),
    ("Kabupaten", "Kab"),
    ("Société", "Ste"),
    ("Zone Industrielle", "ZI"),
    ("Khu công nghiệp", "KCN"),
)
_SHORT_FORMS_TAKEN = {s for _, s in _ABBREVIATIONS if sum(s == t for _, t in _ABBREVIATIONS) > 1}
_ABBREVIATION_PATTERNS = tuple(
    (
        re.compile(rf"\b{re.escape(long)}\b", re.IGNORECASE),
        # "Ind" stands for Industrial, Industry and Indústria: never expanded, only written.
        None
        if short in _SHORT_FORMS_TAKEN
        else re.compile(rf"\b{re.escape(short)}\b\.?", re.IGNORECASE),
        long,
        short,
    )
    for long, short in _ABBREVIATIONS
)

# Spellings of the same place or person that lists of one country mix.
_VARIANTS = (
    ("Chittagong", "Chattogram"),
    ("Dhaka", "Dacca"),
    ("Narayanganj", "Narayangonj"),
    ("Mymensingh", "Maymansingh"),
    ("Comilla", "Cumilla"),
    ("Gazipur", "Gazipure"),
    ("Ashulia", "Asulia"),
    ("Mohammad", "Muhammad"),
    ("Mohammed", "Mohamed"),
    ("Rahman", "Rehman"),
    ("Hossain", "Hussain"),
    ("Chowdhury", "Choudhury"),
    ("Kabir", "Kabeer"),
    ("Mumbai", "Bombay"),
    ("Chennai", "Madras"),
    ("Kolkata", "Calcutta"),
    ("Bengaluru", "Bangalore"),
    ("Gurugram", "Gurgaon"),
    ("Tiruppur", "Tirupur"),
    ("Ambattur", "Ambathur"),
    ("Shree", "Shri"),
    ("Sri", "Shri"),
    ("Lakshmi", "Laxmi"),
    ("Ho Chi Minh", "Sai Gon"),
    ("Yangon", "Rangoon"),
    ("Hlaing Tharyar", "Hlaingthaya"),
    ("Shwepyithar", "Shwe Pyi Thar"),
    ("Phnom Penh", "Phnum Penh"),
    ("Por Senchey", "Pur SenChey"),
    ("Addis Ababa", "Addis Abeba"),
    ("Hawassa", "Awassa"),
    ("Mekelle", "Mekele"),
    ("Tanger", "Tangier"),
    ("Fès", "Fez"),
    ("Marrakech", "Marrakesh"),
    ("Samut Prakan", "Samutprakarn"),
    ("Samut Sakhon", "Samutsakorn"),
    ("Nakhon Pathom", "Nakornpathom"),
    ("Pathum Thani", "Patumthani"),
    ("Chonburi", "Chon Buri"),
    ("Surakarta", "Solo"),
    ("Cimahi", "Tjimahi"),
    ("Cikarang", "Tjikarang"),
    ("Confeccoes", "Confecções"),
    ("Calcados", "Calçados"),
    ("Textil", "Têxtil"),
    ("Sao", "São"),
    ("Ayakkabi", "Ayakkabı"),
    ("Orme", "Örme"),
    ("Istanbul", "İstanbul"),
    ("Corlu", "Çorlu"),
    ("Cerkezkoy", "Çerkezköy"),
    ("Kahramanmaras", "Kahramanmaraş"),
    ("Cong ty", "Công ty"),
    ("Binh Duong", "Bình Dương"),
    ("Dong Nai", "Đồng Nai"),
)
_VARIANT_PATTERNS = tuple(
    (re.compile(rf"\b{re.escape(a)}\b", re.IGNORECASE), b) for a, b in _VARIANTS
) + tuple((re.compile(rf"\b{re.escape(b)}\b", re.IGNORECASE), a) for a, b in _VARIANTS)

_SYLLABLES = frozenset(PINYIN) | frozenset(
    _words("""
guan, zhe, jiang, su, shen, zhen, fo, shan, xia, men, quan, ning, bo, shao, xing, hu, wu, xi,
ji, nan, tong, qing, dao, yan, tai, wei, fang, zi, bo, chang, zhou, jin, hua, kun, yang,
ou, ping, lu, yi, an, sha, bei, gao, tang, dong, chao, pan, zeng, cheng, bai, yun, kai, heng
""")
)
# Words that name no particular site, so a reporter would not use them to find one.
_GENERIC_WORDS = frozenset(
    word.casefold()
    for spec in SPECS.values()
    for entry in (*spec.products, *spec.legal)
    for word in re.findall(r"[^\W_]+", entry)
) | frozenset(
    _words("""
co, ltd, limited, company, pvt, private, the, and, of, de, ve, la, pt, tbk, jsc, joint, stock,
sa, cv, rl, sarl, plc, llc, inc, ltda, eireli, me, epp, as, şti, sti, san, tic, sanayi,
ticaret, anonim, şirketi, cong, ty, tnhh, công, cổ, phần, tổng, société, ste, group, grupo,
garment, garments, textile, textiles, tekstil, apparel, apparels, clothing, fashion, fashions,
knit, knits, knitting, knitwear, composite, wear, wears, industries, industry, industrial,
factory, mills, mill, exports, export, international, manufacturing, shoes, footwear, leather,
dyeing, washing, weaving, spinning, fabrics, products, sweater, sweaters, denim, designs,
confecções, confeccoes, confecciones, confection, calçados, têxtil, malharia, unit, china,
india, bangladesh, vietnam, cambodia, indonesia, myanmar, pakistan, thailand, turkey, overseas
""")
)
_KEYBOARD_NEIGHBOURS = {
    "a": "qswz",
    "b": "vghn",
    "c": "xdfv",
    "d": "serfcx",
    "e": "wsdr",
    "f": "drtgvc",
    "g": "ftyhbv",
    "h": "gyujnb",
    "i": "ujko",
    "j": "huikmn",
    "k": "jiolm",
    "l": "kop",
    "m": "njk",
    "n": "bhjm",
    "o": "iklp",
    "p": "ol",
    "q": "wa",
    "r": "edft",
    "s": "awedxz",
    "t": "rfgy",
    "u": "yhji",
    "v": "cfgb",
    "w": "qase",
    "x": "zsdc",
    "y": "tghu",
    "z": "asx",
}
_POSTCODE = re.compile(r"\b\d{4,6}(-\d{3})?\b")
_HOUSE_NUMBER = re.compile(r"^(plot|holding|lot|no\.?|house|shed|p-|s\.f\.|khasra|survey|\d)", re.I)


def _split_address(address: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", address) if part.strip()]


def _town_of(record: Record) -> str:
    """The record's city, or the likeliest town in its address (for real records)."""
    city = str(record.get("city") or "")
    if city:
        return city
    for part in reversed(_split_address(str(record["address"]))):
        words = re.sub(r"[\d\-/#.]+", " ", part).split()
        if words and not re.search(r"province|state|region|division|district", part, re.I):
            return " ".join(words)
    return ""


def _distinctive_words(name: str, address: str) -> list[str]:
    """Words of the name a person would remember: not legal forms, products or place names."""
    places = {w.casefold() for w in re.findall(r"[^\W_]+", address)}
    words = re.findall(r"[^\W_]+(?:['-][^\W_]+)*", name)
    return [
        w
        for w in words
        if w.casefold() not in _GENERIC_WORDS and w.casefold() not in places and not w.isdigit()
    ]


def _typo(rng: random.Random, text: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        positions = [i for i, c in enumerate(chars) if c.isalpha()]
        if len(positions) < 4:
            break
        i = rng.choice(positions)
        operation = rng.randrange(4)
        if operation == 0:
            del chars[i]
        elif operation == 1:
            chars.insert(i, chars[i])
        elif operation == 2:
            lower = chars[i].lower()
            replacement = rng.choice(_KEYBOARD_NEIGHBOURS.get(lower, "aeiou"))
            chars[i] = replacement.upper() if chars[i].isupper() else replacement
        elif i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def noise_typo(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    name, address = str(record["name"]), str(record["address"])
    noisy_name = _typo(rng, name, rng.choice((1, 1, 2)))
    noisy_address = _typo(rng, address, 1) if rng.random() < 0.3 else address
    return (noisy_name, noisy_address, "") if noisy_name != name else None


def _change_legal_form(rng: random.Random, name: str) -> str:
    prefix = _LEGAL_PREFIXES.match(name)
    if prefix:
        rest = name[prefix.end() :]
        if prefix.group(1).casefold().startswith("pt"):
            # Indonesian lists write "PT X", "X, PT", "P.T. X" or just "X".
            return rng.choice((rest, f"{rest}, PT", f"P.T. {rest}", f"{rest} PT"))
        # "Cong ty TNHH X" is "X Co., Ltd" on an English list, or just "X".
        return rest + rng.choice((" Co., Ltd", " Company Limited", "", " JSC", ""))
    for pattern, alternatives in _LEGAL_FORMS:
        match = pattern.search(name)
        if match:
            return name[: match.start()] + rng.choice(alternatives)
    return name + rng.choice((" Ltd", " Co., Ltd", " Limited"))


def noise_legal_form(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    name = str(record["name"])
    noisy = _change_legal_form(rng, name).strip(" ,")
    return (noisy, str(record["address"]), "") if noisy and noisy != name else None


_PUNCTUATION = re.compile(r"[.,()\-/:;#'&]")


def _restyle(text: str, styles: Sequence[str]) -> str:
    for style in styles:
        if style == "upper":
            text = text.upper()
        elif style == "lower":
            text = text.lower()
        elif style == "title":
            text = text.title()
        elif style == "no_punctuation":
            text = " ".join(_PUNCTUATION.sub(" ", text).split())
        elif style == "tight":
            text = re.sub(r"([.,])\s+", r"\1", text)
        elif style == "accents":
            text = fold_accents(text)
    return text


def noise_case_punct_accent(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    name, address = str(record["name"]), str(record["address"])
    case = rng.choice(("upper", "lower", "title"))
    marks = rng.sample(("no_punctuation", "tight", "accents"), k=rng.choice((1, 2)))
    styles = [case, *marks] if rng.random() < 0.7 else marks
    noisy_name, noisy_address = _restyle(name, styles), _restyle(address, styles)
    if noisy_name == name and noisy_address == address:
        noisy_name, noisy_address = name.swapcase(), address.swapcase()
    return (noisy_name, noisy_address, "") if noisy_name != name else None


def noise_word_order(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    name, address = str(record["name"]), str(record["address"])
    words = name.split()
    distinctive = [
        i for i, w in enumerate(words) if w.strip(".,()").casefold() not in _GENERIC_WORDS
    ]
    if len(words) < 2:
        return None
    if len(distinctive) >= 2:
        i, j = sorted(rng.sample(distinctive, 2))
    else:
        i = rng.randrange(len(words) - 1)
        j = i + 1
    words[i], words[j] = words[j], words[i]
    noisy_name = " ".join(words)
    parts = _split_address(address)
    if len(parts) > 2 and rng.random() < 0.5:
        # Some lists write the address from the largest unit down.
        address = ", ".join(reversed(parts))
    return (noisy_name, address, "") if noisy_name != name else None


def _same_case(found: str, replacement: str) -> str:
    return replacement.upper() if found.isupper() and len(found) > 1 else replacement


def _replacing_with(replacement: str) -> Callable[[re.Match[str]], str]:
    return lambda match: _same_case(match[0], replacement)


def _abbreviate(rng: random.Random, text: str) -> str:
    original = text
    for long_pattern, short_pattern, long, short in _ABBREVIATION_PATTERNS:
        if long_pattern.search(original):
            replacement = short + ("." if rng.random() < 0.5 else "")
            text = long_pattern.sub(_replacing_with(replacement), text, count=1)
        elif short_pattern and short_pattern.search(original) and rng.random() < 0.5:
            # Expand only what the original held, never a short form written a moment ago.
            text = short_pattern.sub(_replacing_with(long), text, count=1)
    return text


def noise_abbreviation(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    name, address = str(record["name"]), str(record["address"])
    noisy_name, noisy_address = _abbreviate(rng, name), _abbreviate(rng, address)
    if noisy_name == name and noisy_address == address:
        long_words = [w for w in name.split() if len(w) >= 8 and w.isalpha()]
        if not long_words:
            return None
        word = rng.choice(long_words)
        noisy_name = name.replace(word, word[:4] + ".", 1)
    return noisy_name, noisy_address, ""


def noise_name_only(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    return str(record["name"]), "", ""


def _split_pinyin(word: str) -> str | None:
    """ "Dongguan" -> "Dong Guan" when the word is made of pinyin syllables, else None."""
    lower = word.lower()
    # Longest syllable first, so that "Xiangtan" splits as Xiang-tan rather than Xian-gtan.
    cuts: list[str] = []
    position = 0
    while position < len(lower):
        for length in (6, 5, 4, 3, 2, 1):
            piece = lower[position : position + length]
            if piece in _SYLLABLES and len(piece) == length:
                cuts.append(piece)
                position += length
                break
        else:
            return None
    if len(cuts) < 2:
        return None
    split = " ".join(cuts)
    return split.upper() if word.isupper() else split.title()


def _vary_spelling(rng: random.Random, text: str) -> str:
    patterns = [(p, r) for p, r in _VARIANT_PATTERNS if p.search(text)]
    if not patterns:
        return text
    pattern, replacement = rng.choice(patterns)
    match = pattern.search(text)
    assert match is not None  # noqa: S101 - found by search above
    if match.group(0).isupper():
        replacement = replacement.upper()
    return text[: match.start()] + replacement + text[match.end() :]


def noise_transliteration(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    name, address = str(record["name"]), str(record["address"])
    if not (name + address).isascii() and rng.random() < 0.7:
        return fold_accents(name), fold_accents(address) if rng.random() < 0.7 else address, ""
    noisy_name, noisy_address = _vary_spelling(rng, name), _vary_spelling(rng, address)
    if (noisy_name, noisy_address) == (name, address):
        # Chinese lists write pinyin words joined or by syllable: Dongguan, Dong Guan.
        words = noisy_name.split()
        splittable = [i for i, w in enumerate(words) if _split_pinyin(w)]
        if splittable:
            for i in rng.sample(splittable, k=min(2, len(splittable))):
                words[i] = _split_pinyin(words[i]) or words[i]
            noisy_name = " ".join(words)
    if (noisy_name, noisy_address) == (name, address):
        noisy_name = fold_accents(name)
    if (noisy_name, noisy_address) == (name, address):
        for old, new in (("ph", "f"), ("ee", "i"), ("oo", "u"), ("ou", "u"), ("w", "v")):
            if old in name.lower():
                noisy_name = re.sub(old, new, name, count=1, flags=re.IGNORECASE)
                break
    return (
        (noisy_name, noisy_address, "") if (noisy_name, noisy_address) != (name, address) else None
    )


def noise_partial_name(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    words = _distinctive_words(str(record["name"]), str(record["address"]))
    town = _town_of(record)
    if not words or not town:
        return None
    start = rng.randrange(len(words))
    chosen = " ".join(words[start : start + rng.choice((1, 2))])
    style = rng.randrange(4)
    if style == 0:
        text = f"{chosen} {town}"
    elif style == 1:
        text = f"{chosen}, {town}"
    elif style == 2:
        text = f"{chosen} factory in {town}"
    else:
        text = f"{chosen} {town}".lower()
    return "", "", text


def noise_address_only(rng: random.Random, record: Record) -> tuple[str, str, str] | None:
    parts = [_POSTCODE.sub("", p).strip() for p in _split_address(str(record["address"]))]
    parts = [p for p in parts if p]
    if parts and _HOUSE_NUMBER.match(parts[0]) and rng.random() < 0.5:
        parts = parts[1:]
    if not parts:
        return None
    text = ", ".join(parts[:4])
    return ("", "", text) if len(text) >= 6 else None


NOISES: dict[str, Noise] = {
    "typo": noise_typo,
    "legal_form": noise_legal_form,
    "case_punct_accent": noise_case_punct_accent,
    "word_order": noise_word_order,
    "abbreviation": noise_abbreviation,
    "name_only": noise_name_only,
    "transliteration": noise_transliteration,
    "partial_name": noise_partial_name,
    "address_only": noise_address_only,
}


def noisy_queries(
    facilities: Sequence[Record],
    n: int,
    seed: int = 2,
    *,
    kinds: Sequence[str] = KINDS,
    without_country: float = 0.2,
    also_correct: dict[int, tuple[int, ...]] | None = None,
) -> list[Query]:
    """``n`` queries, in equal shares of ``kinds``, each from a different facility.

    A kind that does not apply to a facility (no legal form to change, nothing to abbreviate)
    takes the next facility instead, so every query carries the noise its kind names.
    ``without_country`` is the share of queries that do not say the country.
    """
    rng = random.Random(seed)
    order = list(range(len(facilities)))
    rng.shuffle(order)
    queries: list[Query] = []
    position = 0
    while len(queries) < n and position < len(order):
        kind = kinds[len(queries) % len(kinds)]
        for attempt in range(50):
            if position + attempt >= len(order):
                break
            record = facilities[order[position + attempt]]
            noisy = NOISES[kind](rng, record)
            if noisy is None:
                continue
            # The skipped facilities stay available to the kinds that follow.
            order[position], order[position + attempt] = order[position + attempt], order[position]
            name, address, text = noisy
            key = int(record["key"])  # type: ignore[call-overload]
            country = None if rng.random() < without_country else str(record["country"])
            queries.append(
                Query(
                    id=len(queries) + 1,
                    expected_key=key,
                    country=country,
                    name=name,
                    address=address,
                    text=text,
                    kind=kind,
                    also_correct=(also_correct or {}).get(key, ()),
                )
            )
            break
        position += 1
    return queries
