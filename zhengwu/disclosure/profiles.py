"""条例第二十条第（二）项 (机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名) in every section's
法定主动公开内容: the agency's 机构概况 page, drawn from its record in the agency tree (one place to edit)."""

from django.urls import reverse

from .statutory_sources import StatutorySource, register

register(StatutorySource(("a20-02",), "机构概况", count=lambda agency: 1 if agency.has_profile else 0,
                         url=lambda agency: reverse("agency-profile", args=[agency.pk])))
