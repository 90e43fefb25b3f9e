"""信息处理费 (国办函〔2020〕109号): pure computation over the fee schedule, which is data
(shared/data/foi_fee_schedule_2020.json, to be kept editable), never constants in code.

Both methods are progressive: each request (by count) or page (by volume) is priced by the band it
falls in ("……的部分"). An agency uses one method per request and may reduce or waive the fee.
The schedule in force is the newest FeeScheduleVersion row (admin-editable), seeded from the file."""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from zhengwu.foi.models import FeeScheduleVersion


class FeeSchedule:
    def __init__(self, data: dict):
        self.data = data
        self.count_bands = data["by_count"]["bands"]
        self.volume_bands = data["by_volume"]["bands"]
        self.payment_workdays = int(data["payment"]["period_working_days"])

    @classmethod
    def load(cls, path: Path):
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def fee_for_nth_request(self, n: int) -> Decimal:
        """按件计收: the fee of an applicant's n-th request in one calendar month (n counts from 1)."""
        if n < 1:
            raise ValueError("n counts from 1")
        for band in self.count_bands:
            if n < band["from"] or (band.get("to") is not None and n > band["to"]):
                continue
            if "yuan_each" in band:
                return Decimal(band["yuan_each"])
            steps = (n - band["from"]) // band["band_size"]
            return Decimal(band["yuan_each_first_band"] + steps * band["step_yuan_per_band"])
        raise ValueError(f"no band covers request {n}")

    def fee_by_count(self, earlier_this_month: int, new_requests: int = 1) -> Decimal:
        """The fee of `new_requests` requests following `earlier_this_month` ones in the same month."""
        return sum((self.fee_for_nth_request(earlier_this_month + i) for i in range(1, new_requests + 1)),
                   Decimal(0))

    def fee_by_volume(self, pages: int) -> Decimal:
        """按量计收: the fee for one request of `pages` pages, each page priced by its band."""
        total = Decimal(0)
        for band in self.volume_bands:
            upper = pages if band.get("to") is None else min(pages, band["to"])
            if upper >= band["from"]:
                total += (upper - band["from"] + 1) * Decimal(band["yuan_each"])
        return total


SCHEDULE_FILE = "foi_fee_schedule_2020.json"


def current_schedule(on=None) -> FeeSchedule:
    """The schedule in effect on `on` (today): the newest FeeScheduleVersion row, else the seed file."""
    version = FeeScheduleVersion.objects.filter(effective_from__lte=on or timezone.localdate()).first()
    if version is not None:
        return FeeSchedule(version.data)
    return FeeSchedule.load(settings.SHARED_DATA_DIR / SCHEDULE_FILE)
