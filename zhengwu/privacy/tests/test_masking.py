import pytest
from django.core.exceptions import ValidationError

from zhengwu.privacy.masking import mask_address, mask_email, mask_id_number, mask_name, mask_phone
from zhengwu.privacy.validators import resident_id_check_digit, validate_mobile_phone, validate_resident_id

from .conftest import ID_WITH_X, VALID_ID, make_resident_id


def test_masks():
    assert mask_id_number("430102199001011234") == "4301**********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三丰") == "张**"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_email("zhang@example.com") == "z****@example.com"
    assert mask_email("a@example.com") == "a****@example.com"
    assert mask_address("湖南省长沙市岳麓区麓山南路1号") == "湖南省长沙市" + "*" * 9


@pytest.mark.parametrize("mask", [mask_id_number, mask_phone, mask_name, mask_email, mask_address])
def test_masks_are_safe_on_empty_and_short_input(mask):
    assert mask(None) == ""
    assert mask("") == ""
    assert mask("   ") == ""
    assert mask("1") in {"*", ""}
    short = mask("1234")
    assert len(short) == 4 and "234" not in short


def test_short_values_hide_all_but_the_first_character():
    assert mask_id_number("43010") == "4****"
    assert mask_phone("1381234") == "1******"
    assert mask_name("张") == "*"
    assert mask_email("nobody") == "n*****"
    assert mask_email("@example.com") == "@***********"
    assert mask_address("长沙市") == "长**"
    assert mask_phone(13812345678) == "138****5678"


def test_check_digit_and_valid_numbers():
    assert resident_id_check_digit("11010519491231002") == "X"  # the example printed in GB 11643-1999
    assert VALID_ID == "430102199001011238"
    validate_resident_id(VALID_ID)
    validate_resident_id(ID_WITH_X)
    validate_resident_id(ID_WITH_X.lower())
    validate_resident_id(" 11010519491231002X ")


@pytest.mark.parametrize(("value", "message"), [
    (VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1"), "身份证号码校验位不正确"),
    (make_resident_id("43010219900230123"), "身份证号码中的出生日期无效"),  # 2月30日
    (make_resident_id("43010218991231123"), "身份证号码中的出生日期无效"),
    (make_resident_id("43010230000101123"), "身份证号码中的出生日期无效"),  # in the future
    (make_resident_id("43010219901301123"), "身份证号码中的出生日期无效"),  # month 13
    ("4301021990010112", "身份证号码应为18位"),
    ("43010219900101123A", "身份证号码格式不正确"),
    ("X30102199001011238", "身份证号码格式不正确"),
    (None, "身份证号码应为18位"),
])
def test_invalid_resident_ids(value, message):
    with pytest.raises(ValidationError) as info:
        validate_resident_id(value)
    assert message in info.value.messages[0]


def test_mobile_phone_validator():
    for good in ("13812345678", "19912345678", "15000000000"):
        validate_mobile_phone(good)
    for bad in ("12812345678", "1381234567", "138123456789", "2381234567a", "", None, "+8613812345678"):
        with pytest.raises(ValidationError) as info:
            validate_mobile_phone(bad)
        assert "手机号码格式不正确" in info.value.messages[0]


def test_free_text_masks_phones_and_emails_inside_it():
    from zhengwu.privacy.masking import mask_text

    assert mask_text("拨打 13812345678 失败，收件人 zhangsan@example.com") == "拨打 138****5678 失败，收件人 z****@example.com"


def test_free_text_masks_id_numbers_and_landlines_but_not_dates_or_amounts():
    from zhengwu.privacy.masking import mask_text

    text = "身份证430121199001011237，电话0731-84001234，2026年12月6日缴费1200元"
    assert mask_text(text) == "身份证4301**********1237，电话0731-****1234，2026年12月6日缴费1200元"


@pytest.mark.parametrize("text, masked", [
    # Issue 21, finding 4: the formatted variants a published letter or comment showed in clear.
    ("电话138-1234-5678", "电话138-****-5678"),
    ("电话138 1234 5678", "电话138 **** 5678"),
    ("电话+86 138 1234 5678", "电话+86 138 **** 5678"),
    ("电话一三八一二三四五六七八", "电话一三八****五六七八"),
    ("电话１３８１２３４５６７８", "电话１３８****５６７８"),
    ("身份证 430102 19900101 1234", "身份证 4301** ******** 1234"),
    ("旧身份证430102900101123", "旧身份证4301*******1123"),
    ("邮箱 wangxm＠example.com", "邮箱 w****＠example.com"),
    # What must stay as written: document numbers, index numbers, licence numbers, amounts, dates.
    ("湘政发〔2026〕12号", "湘政发〔2026〕12号"),
    ("索引号 11430000690000074D/2026-00018", "索引号 11430000690000074D/2026-00018"),
    ("许可证编号 SC11143010000118，金额 120000 元，日期 20261206", "许可证编号 SC11143010000118，金额 120000 元，日期 20261206"),
    ("二〇二六年十二月七日", "二〇二六年十二月七日"),
])
def test_free_text_masks_formatted_numbers(text, masked):
    from zhengwu.privacy.masking import mask_text

    assert mask_text(text) == masked
