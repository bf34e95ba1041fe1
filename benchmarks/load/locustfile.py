"""Locust scenarios for jixiao (run by ``benchmarks/load/run_load.py``, which prepares the accounts).

- DepartmentUser (填报人 and 负责人 of one department): log in, home, the indicator grid (its rows come
  in the page, as in the browser; rows.json now and then, as after a conflict), edit a cell, download
  the workbook and upload it again, the files page, submit once in a while (a reviewer returns it, so editing goes on);
- ReviewerUser (财政审核人 of the province): log in, the inbox, a submission's review page, return
  it with a reason, the region dashboard;
- PublicUser (anyone): the list of published evaluations and one of them.

Any response other than the expected status is a failure (the short run in the tests fails on any).
Request names group the addresses (``/evaluations/[id]/edit/indicators/``) so the percentiles are per page.

Think times are those of people at work, not a tight loop: someone filling in the grid saves a cell
every 1–5 s (3 s on average) while typing; a reviewer or a visitor reads a page for 2–8 s. Each user
logs in once, at the start (the production password hasher, deliberately slow, is kept: its cost shows
in the "/login/ (log in)" line, apart from the pages). ``JIXIAO_LOAD_PACE`` scales the think times (the
short run in the tests, a check for failures rather than a measurement, uses 0.25).
"""

from __future__ import annotations

import json
import os
import random
import re
import threading

from locust import HttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["JIXIAO_LOAD_ACCOUNTS"], encoding="utf-8").read())
_next = iter(range(10**9))
_lock = threading.Lock()
PACE = float(os.environ.get("JIXIAO_LOAD_PACE", "1"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
GRID_DATA = re.compile(r'<script id="grid-data" type="application/json">(.*?)</script>', re.S)


def _take_staff() -> dict:
    with _lock:
        n = next(_next)
    return ACCOUNTS["staff"][n % len(ACCOUNTS["staff"])]


class JixiaoUser(HttpUser):
    abstract = True
    wait_time = between(2 * PACE, 8 * PACE)  # reading a page

    def log_in(self, username: str) -> None:
        page = self.client.get("/login/", name="/login/ (page)")
        token = CSRF.search(page.text)
        with self.client.post("/login/", data={"username": username, "password": ACCOUNTS["password"],
                                                "csrfmiddlewaretoken": token.group(1) if token else ""},
                              headers={"Referer": self.host + "/login/"}, name="/login/ (log in)",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"login failed: {response.status_code}")

    def csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host + "/"}

    def expect(self, method: str, url: str, name: str, ok=(200,), **kwargs):
        with self.client.request(method, url, name=name, catch_response=True, allow_redirects=False,
                                 **kwargs) as response:
            if response.status_code in ok:
                response.success()
            else:
                said = response.text[:200] if response.status_code else repr(getattr(response, "error", ""))
                response.failure(f"{response.status_code}: {said}")
            return response


class DepartmentUser(JixiaoUser):
    weight = 6
    wait_time = between(1 * PACE, 5 * PACE)  # typing: a save every few seconds

    def on_start(self):
        account = _take_staff()
        self.pk = account["evaluation"]
        self.log_in(account["username"])
        self.rows = []

    @task(2)
    def home(self):
        self.expect("GET", "/my/", "/my/")

    @task(6)
    def grid(self):
        """Open the grid: its rows come in the page (the browser asks for rows.json only to reload)."""
        page = self.expect("GET", f"/evaluations/{self.pk}/edit/indicators/", "/evaluations/[id]/edit/indicators/")
        found = GRID_DATA.search(page.text) if page.status_code == 200 else None
        if found:
            self.rows = json.loads(found.group(1)).get("rows", [])

    @task(1)
    def reload(self):
        """载入最新数据 (after someone else's change): the rows alone."""
        response = self.expect("GET", f"/evaluations/{self.pk}/edit/indicators/rows.json",
                               "/evaluations/[id]/edit/indicators/rows.json")
        if response.status_code == 200:
            self.rows = response.json().get("rows", [])

    @task(8)
    def edit(self):
        if not self.rows:
            return self.grid()
        row = random.choice(self.rows)
        old = row.get("actual")
        response = self.expect("POST", f"/evaluations/{self.pk}/edit/indicators/save/",
                               "/evaluations/[id]/edit/indicators/save/", ok=(200, 403),
                               data=json.dumps({"changes": [{"id": row["id"], "field": "actual", "value": old,
                                                             "old": old}]}),
                               headers={**self.csrf(), "Content-Type": "application/json"})
        if response.status_code == 200:  # 403: submitted meanwhile, locked until the reviewer returns it
            self.rows = response.json().get("rows", self.rows)

    @task(1)
    def upload(self):
        workbook = self.expect("GET", f"/evaluations/{self.pk}/files/download/workbook/",
                               "/evaluations/[id]/files/download/workbook/")
        if workbook.status_code != 200:
            return
        # 403: submitted meanwhile, locked until the reviewer returns it
        self.expect("POST", f"/evaluations/{self.pk}/files/upload/", "/evaluations/[id]/files/upload/", ok=(302, 403),
                    files={"file": ("自评工作簿.xlsx", workbook.content,
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")},
                    headers=self.csrf())

    @task(1)
    def files(self):
        self.expect("GET", f"/evaluations/{self.pk}/files/", "/evaluations/[id]/files/")

    @task(1)
    def submit(self):
        self.expect("POST", f"/evaluations/{self.pk}/submit/", "/evaluations/[id]/submit/", ok=(302,),
                    headers=self.csrf())


class ReviewerUser(JixiaoUser):
    weight = 2

    def on_start(self):
        self.log_in(ACCOUNTS["reviewer"])

    @task(4)
    def inbox(self):
        page = self.expect("GET", "/bureau/inbox/", "/bureau/inbox/")
        found = re.findall(r'/bureau/evaluations/(\d+)/"', page.text) if page.status_code == 200 else []
        if found:
            pk = random.choice(found)
            review = self.expect("GET", f"/bureau/evaluations/{pk}/", "/bureau/evaluations/[id]/")
            if review.status_code == 200 and "/return/" in review.text:
                self.expect("POST", f"/bureau/evaluations/{pk}/return/", "/bureau/evaluations/[id]/return/",
                            ok=(302, 200), data={"reason": "压力测试：请补充偏差原因"}, headers=self.csrf())

    @task(3)
    def dashboard(self):
        self.expect("GET", f"/bureau/dashboard/?year={ACCOUNTS['year']}", "/bureau/dashboard/")


class PublicUser(JixiaoUser):
    weight = 4

    @task(2)
    def listing(self):
        self.expect("GET", "/public/", "/public/")

    @task(3)
    def detail(self):
        if ACCOUNTS["published"]:
            pk = random.choice(ACCOUNTS["published"])
            self.expect("GET", f"/public/{pk}/", "/public/[id]/")
