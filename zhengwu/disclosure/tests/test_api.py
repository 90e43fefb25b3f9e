"""GET /api/v1/disclosure/search and /api/v1/disclosure/items/{index_number}: public, exact shapes."""

import datetime

from django.urls import reverse

from zhengwu.conftest import PASSWORD


def search(client, **params):
    return client.get("/api/v1/disclosure/search", params)


def test_search_returns_ranked_highlighted_results_with_facets(client, catalog):
    czt, zrzyt = catalog.tree.czt, catalog.tree.zrzyt
    budget = catalog.item(czt, title="关于做好部门预算公开工作的通知", keywords="")
    catalog.item(czt, title="全省统计公报", keywords="", body="<p>统计信息中提到预算执行情况。</p>")
    catalog.item(zrzyt, title="国土空间规划公告", keywords="", body="<p>规划信息。</p>")
    response = search(client, q="预算")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["results"][0]
    assert set(first) >= {"title", "index_number", "agency", "published_on", "url", "highlight"}
    assert first["title"] == budget.title and first["index_number"] == budget.index_number
    assert first["agency"] == "湖南省财政厅" and first["published_on"] == str(budget.published_on)
    assert "<mark>预算</mark>" in first["highlight"] and first["url"].endswith(budget.url_path.split("/hunan", 1)[1])
    assert {f["label"]: f["count"] for f in body["facets"]["agency"]} == {"湖南省财政厅": 2}


def test_search_by_agency_theme_and_page(client, catalog):
    czt, zrzyt = catalog.tree.czt, catalog.tree.zrzyt
    for n in range(23):
        catalog.item(czt, title=f"预算公开第{n + 1}号", keywords="")
    catalog.item(zrzyt, title="自然资源预算公开", keywords="")
    assert search(client, q="预算", agency="湖南省自然资源厅").json()["count"] == 1
    assert search(client, q="预算", agency=czt.credit_code).json()["count"] == 23
    page2 = search(client, q="预算", agency=czt.credit_code, page=2).json()
    assert page2["page"] == 2 and len(page2["results"]) == 3
    assert search(client, q="预算", theme="zt03").json()["count"] == 0
    assert search(client, q="预算", theme="zt04").json()["count"] == 24


def test_traditional_query_and_two_character_words(client, catalog):
    catalog.item(catalog.tree.czt, title="深化政务公开工作的意见", keywords="", body="<p>推进决策公开。</p>")
    assert search(client, q="政務公開").json()["count"] == 1
    assert search(client, q="公开").json()["count"] == 1
    assert search(client, q="预算").json()["count"] == 0


def test_bad_parameters_get_chinese_errors(client, catalog):
    assert "找不到机构" in search(client, q="预算", agency="不存在的机构").json()["detail"]
    assert "主题分类" in search(client, q="预算", theme="zz99").json()["detail"]
    assert search(client, q="  ").json()["detail"] == "请输入检索词。"
    assert search(client, q="预算", validity="forever").status_code == 400


def test_item_by_index_number_and_withdrawn_items_disappear(client, catalog):
    item = catalog.item(catalog.tree.czt, title="预算管理办法", doc_number="湘财预〔2026〕9号",
                        written_on=datetime.date(2026, 1, 5), formed_on=datetime.date(2026, 1, 5))
    reading = catalog.item(catalog.tree.czt, title="预算管理办法解读", interprets=item)
    data = client.get(f"/api/v1/disclosure/items/{item.index_number}").json()
    assert data["index_number"] == item.index_number and data["doc_number"] == "湘财预〔2026〕9号"
    assert data["theme"] == "财政、金融、审计\\财政" and data["genre"] == "通知" and data["validity"] == "valid"
    assert data["written_on"] == "2026-01-05" and data["interpretations"] == [reading.index_number]
    client.login(username="czt_editor", password=PASSWORD)
    client.post(reverse("disclosure_withdraw", args=[item.pk]), {"reason": "内容有误"})
    client.logout()
    assert client.get(f"/api/v1/disclosure/items/{item.index_number}").status_code == 404
    assert search(client, q="预算管理办法").json()["count"] == 1  # only the interpretation is left


def test_drafts_are_never_found(client, catalog):
    catalog.item(catalog.tree.czt, title="尚未审查的预算草稿", publish=False)
    assert search(client, q="预算草稿").json()["count"] == 0
