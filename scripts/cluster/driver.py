#!/usr/bin/env python3
"""Drives the three-node cluster started by scripts/cluster.sh and checks what must hold (standard library only).

Steps: publish on node 1 → page, list and search on nodes 2 and 3 within 5 s; sign-in on node 1 valid on node 2;
a form rendered by node 2 posted to node 3 (its manage link opened on node 1); a registration rush through HAProxy
with node 2 killed (kill -9) part-way; mails and reminders counted in the database and in every node's pickup folder;
node 2 restarted and ready only once its search index has caught up. Prints a summary table, exits 1 on any failure.
"""
import argparse, concurrent.futures, email, email.header, glob, html, http.client, http.cookiejar, json, os, random, re, signal
import string, subprocess, sys, threading, time, urllib.error, urllib.parse, urllib.request
from datetime import datetime, timedelta, timezone

SITE = "cluster"
rows = []          # (check, expected, actual, ok)
failed = False


def record(check, expected, actual, ok):
    global failed
    rows.append((check, str(expected), str(actual), bool(ok)))
    failed |= not ok
    print(f"  [{'ok' if ok else 'FAIL'}] {check}: {actual}", flush=True)


def psql(args, sql):
    out = subprocess.run(["psql", args.pg_url, "-Atqc", sql], capture_output=True, text=True, check=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def scalar(args, sql):
    r = psql(args, sql)
    return r[0][0] if r else None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def opener(jar=None):
    handlers = [NoRedirect()]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


def call(op, url, data=None, headers=None, method=None, timeout=30):
    body = None
    headers = dict(headers or {})
    if isinstance(data, dict) and headers.get("Content-Type") == "application/json":
        body = json.dumps(data).encode()
    elif isinstance(data, dict):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    req = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with op.open(req, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)


def form_fields(page):
    """Hidden and preset inputs of the first form with a submission key or antiforgery token."""
    fields = {}
    for m in re.finditer(r"<input\b([^>]*)>", page):
        attrs = dict((k, html.unescape(v)) for k, v in re.findall(r'(\w[\w.-]*)="([^"]*)"', m.group(1)))
        if attrs.get("type") in ("hidden",) and "name" in attrs:
            fields[attrs["name"]] = attrs.get("value", "")
        if attrs.get("name") == "optionId" and "optionId" not in fields:
            fields["optionId"] = attrs.get("value", "")
    m = re.search(r'<select[^>]*name="optionId"[^>]*>.*?<option[^>]*value="(\d+)"', page, re.S)
    if m and not fields.get("optionId"):
        fields["optionId"] = m.group(1)
    return fields


def admin_headers(args):
    return {"Authorization": "Bearer " + args.token, "Content-Type": "application/json"}


def create_event(args, base, title, capacity, starts_in_hours):
    starts = (datetime.now(timezone.utc) + timedelta(hours=starts_in_hours)).astimezone(timezone(timedelta(hours=8)))
    ends = starts + timedelta(hours=3)
    body = {"title": title, "summary": "集群演练用活动", "startsAt": starts.isoformat(timespec="seconds"),
            "endsAt": ends.isoformat(timespec="seconds"), "city": "广州", "type": "fair", "publish": True,
            "registration": {"options": [{"name": "上午场", "capacity": capacity}], "waitlist": False}}
    status, text, _ = call(opener(), f"{base}/{SITE}/api/v1/admin/events", body, admin_headers(args))
    if status != 201:
        raise SystemExit(f"create event on {base}: {status} {text[:300]}")
    saved = json.loads(text)
    status, text, _ = call(opener(), f"{base}/{SITE}/api/v1/events/{saved['id']}")
    ev = json.loads(text)
    return saved["id"], saved["slug"], ev["registration"]["options"][0]["id"]


def check_publish(args, round_name=""):
    """Published on node 1; nodes 2 and 3 polled in parallel: the event page (no stale cache) and search.
    Run twice: the first round is each node's first event page and first search since start (cold code paths:
    JIT, EF query compilation, template parsing); the second shows the steady state of the bus and the caches."""
    word = "".join(random.choice(string.ascii_lowercase) for _ in range(9))
    title = f"海洋潮汐能科普开放日 {word}"
    t0 = time.monotonic()
    event_id, slug, option_id = create_event(args, args.nodes[0], title, 20, 72)
    created = time.monotonic() - t0
    seen = {}

    def page(node):
        s, text, _ = call(opener(), f"{node}/{SITE}/events/{slug}")
        return s == 200 and title in html.unescape(text)

    def search(node):
        s, text, _ = call(opener(), f"{node}/{SITE}/api/v1/search?q={word}")
        return s == 200 and any(h.get("title") == title for h in json.loads(text).get("hits", []))

    def watch(i, what, probe):
        while time.monotonic() - t0 < 90:
            try:
                if probe(args.nodes[i]):
                    seen[(i, what)] = time.monotonic() - t0
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.05)

    watchers = [threading.Thread(target=watch, args=(i, what, probe)) for i in (1, 2) for what, probe in (("page", page), ("search", search))]
    for w in watchers:
        w.start()
    for w in watchers:
        w.join()
    for i in (1, 2):
        for what in ("page", "search"):
            t = seen.get((i, what))
            record(f"published on node 1 → {what} on node {i + 1}{round_name}", f"≤ {args.fresh_seconds:g} s", "never" if t is None else f"{t:.2f} s (publish answered in {created:.2f} s)",
                   t is not None and t <= args.fresh_seconds)
    return event_id, slug, option_id, word, title


def check_sign_in(args):
    jar = http.cookiejar.CookieJar()
    op = opener(jar)
    s, page, _ = call(op, f"{args.nodes[0]}/{SITE}/account/login")
    fields = form_fields(page)
    fields.update({"email": args.user_email, "password": args.user_password, "returnUrl": f"/{SITE}/my"})
    s, _, headers = call(op, f"{args.nodes[0]}/{SITE}/account/login", fields)
    signed_in = s in (302, 303) and "login" not in headers.get("Location", "")
    s2, my, h2 = call(op, f"{args.nodes[1]}/{SITE}/my")
    ok = signed_in and s2 == 200 and args.user_email.split("@")[0] in my
    record("sign-in on node 1 → /my on node 2", "200, signed in", f"login {s}, /my {s2}" + ("" if s2 == 200 else " → " + h2.get("Location", "")), ok)


def check_form(args, slug):
    jar = http.cookiejar.CookieJar()
    op = opener(jar)
    s, page, _ = call(op, f"{args.nodes[1]}/{SITE}/events/{slug}/register")
    fields = form_fields(page)
    fields.update({"name": "林晓岚", "phone": "13900000001", "email": "lin.xiaolan@example.cn", "consent": "on", "groupSize": "1"})
    s, text, headers = call(op, f"{args.nodes[2]}/{SITE}/events/{slug}/register", fields)
    location = headers.get("Location", "")
    ok = s in (302, 303) and "/registrations/" in location
    error = re.search(r'role="alert">([^<]*)<', text)
    record("form rendered by node 2 → posted to node 3", "302 to the manage page",
           f"{s} {'→ manage page' if ok else (error.group(1) if error else text[:200])}", ok)
    if ok:
        path = urllib.parse.urlparse(location).path
        s3, _, _ = call(opener(), f"{args.nodes[0]}{path}")
        record("manage link made on node 3 → opened on node 1", 200, s3, s3 == 200)


def rush(args, event_id, option_id):
    """Clients register distinct people through HAProxy; a 502/503/504 or a broken connection is retried with the same Idempotency-Key."""
    people = int(args.seats * 1.4)
    plan = list(range(people))
    lb = urllib.parse.urlparse(args.lb)
    lock = threading.Lock()
    answers = {}
    by_node = {}
    done = [0]
    killed = [None]
    retries = [0]

    def one(person):
        key = f"rush-{person}-{random.getrandbits(48):x}"
        body = json.dumps({"optionId": option_id, "name": f"报名者{person:04d}", "phone": f"137{person:08d}",
                           "email": f"rush{person:04d}@example.cn", "consent": True}).encode()
        for attempt in range(30):
            try:
                c = http.client.HTTPConnection(lb.hostname, lb.port, timeout=60)
                c.request("POST", f"/{SITE}/api/v1/events/{event_id}/registrations", body,
                          {"Content-Type": "application/json", "Idempotency-Key": key})
                r = c.getresponse()
                text = r.read().decode("utf-8", "replace")
                node = r.getheader("X-Served-By", "?")
                c.close()
            except (OSError, http.client.HTTPException):
                status, text, node = 0, "", "?"
            else:
                status = r.status
            if status in (0, 502, 503, 504):
                with lock:
                    retries[0] += 1
                time.sleep(0.2 + random.random() * 0.3)
                continue
            with lock:
                by_node[node] = by_node.get(node, 0) + 1
            return person, status, text
        return person, -1, "gave up"

    def kill_at(fraction):
        while True:
            with lock:
                if done[0] >= people * fraction:
                    break
            time.sleep(0.02)
        os.kill(args.kill_pid, signal.SIGKILL)
        killed[0] = done[0]
        print(f"  node 2 (pid {args.kill_pid}) killed with SIGKILL after {done[0]} answers", flush=True)

    killer = threading.Thread(target=kill_at, args=(0.35,), daemon=True) if args.kill_pid else None
    t0 = time.monotonic()
    if killer:
        killer.start()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
        futures = [pool.submit(one, p) for p in plan]
        for f in concurrent.futures.as_completed(futures):
            person, status, text = f.result()
            with lock:
                answers[person] = (status, text)
                done[0] += 1
    elapsed = time.monotonic() - t0
    statuses = {}
    acknowledged = {}
    for person, (status, text) in answers.items():
        statuses[status] = statuses.get(status, 0) + 1
        if status in (200, 201):
            acknowledged[person] = json.loads(text)["id"]
    return dict(people=people, elapsed=elapsed, statuses=statuses, acknowledged=acknowledged, by_node=by_node,
                killed_after=killed[0], retries=retries[0])


def pickup_messages(args):
    """Distinct Message-IDs per recipient across every node's pickup folder (a message re-sent by a second node is one mail)."""
    per = {}
    for path in glob.glob(os.path.join(args.work, "node*", "mail-pickup", "*.eml")):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f)
        to = (msg.get("To") or "").split("<")[-1].strip(" >").lower()
        subject = str(email.header.make_header(email.header.decode_header(msg.get("Subject", ""))))
        per.setdefault((to, subject), set()).add(msg.get("Message-ID"))
    return per


def check_rush(args, event_id, result):
    acknowledged = result["acknowledged"]
    confirmed = int(scalar(args, f'SELECT count(*) FROM "Registrations" WHERE "EventId" = {event_id} AND "Status" = 1'))
    taken = int(scalar(args, f'SELECT sum("Taken") FROM "RegistrationQuotas" WHERE "EventId" = {event_id}'))
    ids = {int(r[0]) for r in psql(args, f'SELECT "Id" FROM "Registrations" WHERE "EventId" = {event_id} AND "Status" = 1')}
    lost = [p for p, i in acknowledged.items() if i not in ids]
    unacknowledged = len(ids - set(acknowledged.values()))
    record("rush: confirmed registrations", args.seats, confirmed, confirmed == args.seats)
    record("rush: oversold seats", 0, max(0, confirmed - args.seats), confirmed <= args.seats and taken == confirmed)
    record("rush: acknowledged but lost", 0, len(lost), not lost)
    record("rush: answers", "201/200 + 409 only", json.dumps(result["statuses"]), set(result["statuses"]) <= {200, 201, 409})
    record("rush: rows nobody was told about", 0, unacknowledged, unacknowledged == 0)

    # Mails: one confirmation and one reminder per confirmed person, delivered once across the cluster.
    deadline = time.monotonic() + args.mail_wait
    while time.monotonic() < deadline:
        reminded = int(scalar(args, f'SELECT count(*) FROM "Registrations" WHERE "EventId" = {event_id} AND "Status" = 1 AND "ReminderSentAt" IS NOT NULL'))
        # Queued, sending, or not yet rendered (5: rendered after the seat transaction commits, or by the next delivery run).
        waiting = int(scalar(args, 'SELECT count(*) FROM "OutboxMails" WHERE "Status" IN (0, 1, 5)'))
        if reminded == confirmed and waiting == 0:
            break
        time.sleep(1)
    # A registration's mails are marked by its key (it exists before the row is saved): registration:<key without dashes>.
    keys = psql(args, f'SELECT replace("Key"::text, \'-\', \'\') FROM "Registrations" WHERE "Id" IN ({",".join(str(i) for i in ids) or "0"})') if ids else []
    refs = ",".join(f"'registration:{k[0]}'" for k in keys) or "''"
    per_reg = psql(args, f'SELECT "Reference", count(*), count(DISTINCT "Subject") FROM "OutboxMails" WHERE "Reference" IN ({refs}) GROUP BY "Reference"')
    two = sum(1 for _, n, d in per_reg if n == "2" and d == "2")
    record("mail rows: one confirmation + one reminder each", f"{confirmed} × 2", f"{two} people with exactly 2 distinct", two == confirmed)
    statuses = psql(args, f'SELECT "Status", count(*) FROM "OutboxMails" WHERE "Reference" IN ({refs}) GROUP BY "Status"')
    record("mail rows: all sent", "status Sent only", dict((s, int(n)) for s, n in statuses), all(s == "2" for s, _ in statuses))
    per = pickup_messages(args)
    rush_mail = {k: v for k, v in per.items() if k[0].startswith("rush")}
    recipients = {k[0] for k in rush_mail}
    duplicates = sum(1 for v in rush_mail.values() if len(v) != 1)
    per_person = {}
    for (to, _), v in rush_mail.items():
        per_person[to] = per_person.get(to, 0) + 1
    record("delivered .eml: recipients", confirmed, len(recipients), len(recipients) == confirmed)
    record("delivered .eml: each kind once per person", "2 kinds, 1 message each",
           f"{sum(1 for n in per_person.values() if n == 2)} people with 2 kinds, {duplicates} duplicated",
           duplicates == 0 and all(n == 2 for n in per_person.values()))


def check_reminder_job(args, since):
    """Quartz's cluster-wide execution history: the 5-second reminder trigger ran about once per fire time in total
    (three nodes each running every fire would show about three times as many runs as fire times)."""
    try:
        r = psql(args, "SELECT count(*), min(fired_time), max(fired_time), count(DISTINCT instance_name) FROM qrtz_execution_history "
                       "WHERE job_name = 'SendRemindersJob'")[0]
    except subprocess.CalledProcessError as e:
        record("reminder job: runs once per fire time", "history readable", e.stderr.strip()[:120], False)
        return
    runs, first, last, nodes = int(r[0]), int(r[1] or 0), int(r[2] or 0), int(r[3])
    per_second = 1e7 if last > 1e15 else 1e3   # .NET ticks or Unix milliseconds
    fire_times = int((last - first) / per_second / 5) + 1 if runs else 0
    record("reminder job (every 5 s): runs in the cluster", f"≈ {fire_times} fire times, not × nodes",
           f"{runs} runs for {fire_times} fire times, on {nodes} nodes", runs > 0 and runs <= fire_times + 1)


def wait_ready(url, seconds):
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        try:
            with urllib.request.urlopen(url + "/health/ready", timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - t0
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.1)
    return None


def check_restart(args, word, title, registered_between):
    subprocess.Popen(["bash", args.restart_node2], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    became_ready = wait_ready(args.nodes[1], 180)
    record("node 2 restarted → /health/ready", "200", "never" if became_ready is None else f"after {became_ready:.1f} s", became_ready is not None)
    if became_ready is None:
        return
    s, text, _ = call(opener(), f"{args.nodes[1]}/{SITE}/api/v1/search?q={word}")
    found = s == 200 and any(h.get("title") == title for h in json.loads(text).get("hits", []))
    s2, text2, _ = call(opener(), f"{args.nodes[1]}/{SITE}/api/v1/search?q={registered_between}")
    found2 = s2 == 200 and json.loads(text2).get("total", 0) > 0
    record("node 2 ready → finds what was published while it was down", "found at once", f"{found and found2}", found and found2)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lb", required=True)
    p.add_argument("--nodes", nargs=3, required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--pg-url", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--user-email", required=True)
    p.add_argument("--user-password", required=True)
    p.add_argument("--kill-pid", type=int)
    p.add_argument("--restart-node2")
    p.add_argument("--clients", type=int, default=200)
    # The bound is 5 s; CI's 2 cores also run PostgreSQL and HAProxy beside the three nodes and pass a looser one.
    p.add_argument("--fresh-seconds", type=float, default=5.0)
    p.add_argument("--seats", type=int, default=500)
    p.add_argument("--mail-wait", type=int, default=120)
    args = p.parse_args()
    since = datetime.now(timezone.utc)

    print("publish, sign-in and form across nodes", flush=True)
    _, slug, _, word, title = check_publish(args, " (1st, cold node)")
    check_publish(args, " (2nd)")
    check_sign_in(args)
    check_form(args, slug)

    print(f"registration rush: {int(args.seats * 1.4)} people, {args.clients} clients, {args.seats} seats, through HAProxy", flush=True)
    # Starts in 20 h: inside the reminder lead (24 h), so the reminder job has work during the run.
    event_id, _, option_id = create_event(args, args.lb, "科普嘉年华开幕日（集群演练）", args.seats, 20)
    result = rush(args, event_id, option_id)
    print(f"  {result['people']} people answered in {result['elapsed']:.1f} s; per node {result['by_node']}; "
          f"{result['retries']} retries after 502/503/504 or a broken connection", flush=True)
    record("rush: node 2 killed mid-rush", "after ~35 % of answers", result["killed_after"], not args.kill_pid or result["killed_after"])
    # Published while node 2 is down: it must find this after its restart (search catch-up before ready).
    late_word = "".join(random.choice(string.ascii_lowercase) for _ in range(9))
    create_event(args, args.nodes[0], f"节点停机期间发布 {late_word}", 10, 96)
    check_rush(args, event_id, result)
    check_reminder_job(args, since)
    if args.restart_node2:
        check_restart(args, word, title, late_word)

    width = max(len(r[0]) for r in rows)
    print()
    print(f"{'check'.ljust(width)} | {'expected'.ljust(26)} | result")
    print(f"{'-' * width}-+-{'-' * 26}-+-{'-' * 40}")
    for check, expected, actual, ok in rows:
        print(f"{check.ljust(width)} | {expected[:26].ljust(26)} | {'PASS' if ok else 'FAIL'}  {actual}")
    print()
    print(f"rush: {result['people']} people / {args.seats} seats / {args.clients} clients in {result['elapsed']:.1f} s "
          f"({result['people'] / result['elapsed']:.0f} answers/s incl. retries after the kill)")
    print("CLUSTER " + ("FAILED" if failed else "PASSED"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
