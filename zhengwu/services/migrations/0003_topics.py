from django.db import migrations

# The catalog's ways in, as reference data editors may change in the admin afterwards: themes (主题) after the
# gov.cn / 湖南政务服务网 theme lists, and life events (人生事件 for people, 企业生命周期 for companies).
# (kind, slug, name, audience); the order is the list order. Slugs differ across kinds, so the API's `topic`
# parameter names one topic.
TOPICS = [
    ("theme", "huji", "户籍办理", "person"),
    ("theme", "shehuibaozhang", "社会保障", "both"),
    ("theme", "hunyin", "婚姻登记", "person"),
    ("theme", "shichangzhunru", "市场准入", "company"),
    ("theme", "budongchan", "不动产", "both"),
    ("theme", "minzhengjiuzhu", "民政救助", "person"),
    ("theme", "jiuyechuangye", "就业创业", "both"),
    ("theme", "jiaotongchuxing", "交通出行", "both"),
    ("theme", "yiliaoweisheng", "医疗卫生", "both"),
    ("theme", "jiaoyu", "教育", "both"),
    ("theme", "guihuajianshe", "规划建设", "both"),
    ("theme", "canjiren", "残疾人服务", "person"),
    ("theme", "zizhirenzheng", "资质认证", "company"),
    ("life_event", "chusheng", "出生", "person"),
    ("life_event", "shangxue", "上学", "person"),
    ("life_event", "jiuye", "就业", "person"),
    ("life_event", "jiehun", "结婚", "person"),
    ("life_event", "zhiye", "置业", "person"),
    ("life_event", "qianju", "迁居", "person"),
    ("life_event", "shenghuokunnan", "生活困难", "person"),
    ("life_event", "tuixiu", "退休", "person"),
    ("life_event", "shenhoushi", "身后事", "person"),
    ("life_event", "kaibanqiye", "开办企业", "company"),
    ("life_event", "jingyingzhunying", "经营准营", "company"),
    ("life_event", "gongchengjianshe", "工程建设", "company"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("services", "Topic")
    for order, (kind, slug, name, audience) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(kind=kind, slug=slug, defaults={"name": name, "audience": audience,
                                                                    "order": order})


class Migration(migrations.Migration):
    dependencies = [("services", "0002_coverage_targets")]
    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
