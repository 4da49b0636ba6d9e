"""Measurements of benches/cluster.sh that need a client faster than curl in a loop.

  cluster_probe.py propagation N TOKEN UUID PORT1 PORT2 PORT3
      N times: change the lambda's code and deploy it on node 1, then invoke it on nodes 2 and 3
      over kept-alive connections until both answer with the new code; prints the time from
      the deploy's response to each node's first new answer.
  cluster_probe.py failover TOKEN UUID LB_PORT PID
      32 clients invoke through the load balancer for 12 s; PID (a node) is SIGKILLed after
      4 s; prints the requests that failed and the span in which they failed.
"""

import http.client
import json
import os
import signal
import statistics
import sys
import threading
import time

ACCOUNT = "bench"


def call(conn, method, path, token, body=None):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def propagation(n, token, uuid, ports):
    node1 = http.client.HTTPConnection("127.0.0.1", int(ports[0]))
    others = [http.client.HTTPConnection("127.0.0.1", int(p)) for p in ports[1:]]
    invoke = f"/api/account/{ACCOUNT}/lambdas/{uuid}/invoke?v=1&externalSystem=bench"
    times = {p: [] for p in ports[1:]}
    for i in range(n):
        status, body = call(node1, "GET", f"/api/account/{ACCOUNT}/lambdas/{uuid}", token)
        lambda_ = json.loads(body)[0]  # the V1 API answers a list
        code = "function lambda(input, callback) {\n  callback(null, { round: %d });\n}\n" % i
        update = {"name": lambda_["name"], "version": lambda_["version"], "implementation": {"code": code}}
        status, body = call(node1, "PUT", f"/api/account/{ACCOUNT}/lambdas/{uuid}", token, update)
        assert status < 300, (status, body)
        status, body = call(node1, "POST", f"/api/account/{ACCOUNT}/deployments/{uuid}", token)
        assert status < 300, (status, body)
        deployed = time.monotonic()
        for port, conn in zip(ports[1:], others):
            while True:
                status, body = call(conn, "POST", invoke, token, {"payload": {}})
                if status == 200 and json.loads(body).get("round") == i:
                    times[port].append((time.monotonic() - deployed) * 1000)
                    break
                if time.monotonic() - deployed > 10:
                    sys.exit(f"node on port {port} did not serve round {i} within 10 s")
                time.sleep(0.001)
    for port, ms in times.items():
        print(f"node on port {port}: median {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms after the deploy answered")


def failover(token, uuid, lb_port, pid):
    invoke = f"/api/account/{ACCOUNT}/lambdas/{uuid}/invoke?v=1&externalSystem=bench"
    stop_at = time.monotonic() + 12
    failures, lock, counts = [], threading.Lock(), [0]

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", int(lb_port), timeout=5)
        while time.monotonic() < stop_at:
            at = time.monotonic()
            try:
                status, _ = call(conn, "POST", invoke, token, {"payload": {"name": "failover"}})
                ok = status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", int(lb_port), timeout=5)
            with lock:
                counts[0] += 1
                if not ok:
                    failures.append(at)

    threads = [threading.Thread(target=client) for _ in range(32)]
    start = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(4)
    killed = time.monotonic()
    os.kill(int(pid), signal.SIGKILL)
    for t in threads:
        t.join()
    print(f"{counts[0]} requests in {time.monotonic() - start:.1f} s through the balancer; node killed at {killed - start:.1f} s")
    if failures:
        first, last = ((min(failures) - killed) * 1000, (max(failures) - killed) * 1000)
        print(f"{len(failures)} failed ({100 * len(failures) / counts[0]:.3f}%): requests started between "
              f"{first:+.0f} ms and {last:+.0f} ms around the kill")
    else:
        print("0 failed: the balancer retried every request the killed node dropped")


if __name__ == "__main__":
    if sys.argv[1] == "propagation":
        propagation(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:])
    elif sys.argv[1] == "failover":
        failover(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit(__doc__)
