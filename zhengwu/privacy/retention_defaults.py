"""The retention periods a new installation starts with (record type -> (years, basis)); plain data so that
the migration seeding them does not import the models."""

# Defaults for a new installation (editable in the admin). [R] recalled from the archives rules for
# 文书档案 (短期 10 年) and common practice, not sourced: that is why they are data.
DEFAULT_RULES = {
    "foi_request": (10, "政府信息公开申请办理材料按文书档案短期（10 年）保管，期满删除申请人个人信息。"),
    "letter": (5, "信箱来信答复后保存 5 年，期满删除写信人个人信息和来信原文（公开文本已隐去个人信息）。"),
    "service_case": (10, "政务服务办件材料按文书档案短期（10 年）保管；个人信息保护法第十九条：保存期限为实现处理目的所必要的最短时间。"),
    "foi_complaint": (5, "投诉举报办结后保存 5 年。"),
    "efficiency_complaint": (5, "效能投诉办结后保存 5 年。"),
    "consultation_comment": (3, "征求意见截止后保存 3 年；已公开的意见保留隐去个人信息后的文本。"),
    "hearing_registration": (3, "听证会举行后保存 3 年。"),
    "survey_answer": (1, "调查截止后 1 年删除手机号码；已公开的回答保留隐去个人信息后的文本。"),
    "enforcement_party": (5, "行政处罚决定公示期满后删除自然人当事人的身份证件号码，姓名仅保留脱敏形式。"),
    "citizen_upload": (3, "群众随来信、办件上传的材料，办结后保存 3 年。"),
}
