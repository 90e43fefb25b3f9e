"""Invented people for the demo: applicants with valid resident ID numbers (GB 11643), mobile numbers and
addresses, and organisations with well-formed credit codes (GB 32100). Every case type's demo uses them; an
applicant's `type` is a column of the yearly report's table 三 (natural_person, commercial, …)."""

from dataclasses import dataclass
from datetime import date

from pypinyin import lazy_pinyin

from zhengwu.orgs.credit_code import make_demo_code
from zhengwu.privacy.validators import resident_id_check_digit

# --- applicants ----------------------------------------------------------------------------------

SURNAMES = "刘李王陈张周彭谭唐罗曾胡邓黄贺龚易杨吴赵廖蒋肖邹许汤向谢雷戴文袁"
GIVEN_MALE = ["建国", "志强", "伟", "军", "勇", "海波", "国平", "立新", "文斌", "俊杰", "浩然", "宇航", "明辉",
              "德华", "春生", "卫东", "湘平", "振华", "家豪", "子轩"]
GIVEN_FEMALE = ["秀英", "桂兰", "丽", "敏", "芳", "艳红", "静", "婷", "雅琴", "晓燕", "慧", "湘云", "玉梅", "思雨",
                "梓涵", "丹", "春兰", "佳怡"]
# 公民身份号码的地址码 (GB/T 2260, Hunan)
AREA_CODES = ["430102", "430103", "430104", "430105", "430111", "430112", "430121", "430181", "430182", "430202",
              "430302", "430405", "430521", "430602", "430702", "430902", "431002", "431102", "431202", "431302",
              "433101"]
ADDRESSES = [("长沙市芙蓉区", "五一大道", "410011"), ("长沙市天心区", "劳动西路", "410004"),
             ("长沙市岳麓区", "麓山南路", "410006"), ("长沙市开福区", "湘江中路", "410005"),
             ("长沙市雨花区", "万家丽中路", "410007"), ("长沙县星沙街道", "开元东路", "410100"),
             ("长沙县湘龙街道", "星沙大道", "410100"), ("浏阳市集里街道", "金沙北路", "410300"),
             ("株洲市荷塘区", "新华东路", "412000"), ("湘潭市雨湖区", "建设北路", "411100")]
PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
                  "158", "159", "180", "181", "186", "187", "188", "189"]

# (applicant type, name, registry and category of the credit code, division, contact person)
ORGANISATIONS = {
    "commercial": [("湖南湘诚建设工程有限公司", "91", "430100", "周志强"),
                   ("长沙星辰智造科技有限公司", "91", "430121", "李婷"),
                   ("湖南楚天园林绿化有限公司", "91", "430100", "黄海波"),
                   ("湖南麓云信息技术有限公司", "91", "430104", "陈思雨")],
    "research": [("湖南湘麓财经研究院", "12", "430000", "谭文斌"),
                 ("湖南潇湘城乡规划研究中心", "12", "430100", "曾雅琴")],
    "public_interest": [("长沙市湘水守护环保公益服务中心", "52", "430100", "罗晓燕"),
                        ("湖南省益邻社区公益发展中心", "52", "430000", "彭立新")],
    "legal_services": [("湖南楚衡律师事务所", "31", "430000", "易俊杰"),
                       ("湖南麓峰律师事务所", "31", "430100", "贺艳红")],
    "other_org": [("长沙县金井镇茶香农民专业合作社", "93", "430121", "龚春生"),
                  ("浏阳市永安镇湘绿农民专业合作社", "93", "430181", "汤卫东")],
}


@dataclass
class Applicant:
    type: str
    name: str
    id_type: str
    id_number: str
    phone: str
    contact_person: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""


class People:
    """Invented applicants: valid resident ID numbers (check digit by GB 11643), mobile numbers, and
    organisations with well-formed credit codes (GB 32100)."""

    def __init__(self, rng):
        self.rng = rng
        self.serial = 0
        self.known = {}

    def phone(self):
        return self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randrange(10 ** 8):08d}"

    def address(self):
        district, street, postcode = self.rng.choice(ADDRESSES)
        return (f"{district}{street}{self.rng.randint(1, 399)}号{self.rng.randint(1, 12)}栋"
                f"{self.rng.randint(1, 28)}{self.rng.randint(1, 4):02d}室", postcode)

    def email(self, name):
        return "".join(lazy_pinyin(name)) + f"{self.rng.randint(60, 99)}@example.com"

    def person(self, name=None, key=None):
        if key and key in self.known:
            return self.known[key]
        rng = self.rng
        male = rng.random() < 0.55
        name = name or rng.choice(SURNAMES) + rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
        born = date(rng.randint(1956, 2002), rng.randint(1, 12), rng.randint(1, 28))
        sequence = rng.randrange(0, 998, 2) + (1 if male else 0)
        first17 = f"{rng.choice(AREA_CODES)}{born:%Y%m%d}{sequence:03d}"
        address, postcode = self.address()
        person = Applicant("natural_person", name, "resident_id", first17 + resident_id_check_digit(first17),
                           self.phone(), email=self.email(name), address=address, postcode=postcode)
        if key:
            self.known[key] = person
        return person

    def organisation(self, kind, index=0):
        key = (kind, index)
        if key in self.known:
            return self.known[key]
        name, code_head, division, contact = ORGANISATIONS[kind][index % len(ORGANISATIONS[kind])]
        self.serial += 1
        code = make_demo_code(division, 58000000 + self.serial * 7919, registry=code_head[0], category=code_head[1])
        address, postcode = self.address()
        org = Applicant(kind, name, "credit_code", code, self.phone(), contact_person=contact,
                        email=f"office{self.serial:02d}@example.com", address=address, postcode=postcode)
        self.known[key] = org
        return org
