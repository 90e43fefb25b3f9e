"""The 意见征集 box of a site's home page (portal.home_panels): the region's consultations open for comment and
its open surveys."""

from zhengwu.consultation.public import filter_consultations, published_consultations
from zhengwu.consultation.surveys.public import filter_surveys, published_surveys
from zhengwu.portal.home_panels import Panel, register


def data(section):
    agency = section.agency
    if agency is None:
        return None
    region = {"agency__path__startswith": agency.path}
    consultations = filter_consultations(published_consultations().filter(**region), phase="open")[:4]
    surveys = filter_surveys(published_surveys().filter(**region), phase="open")[:2]
    return {"consultations": list(consultations), "surveys": list(surveys)}


register(Panel("consultation", "consultation/home_panel.html", data, order=30))
