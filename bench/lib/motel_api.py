"""The standard API as the bench scripts drive it (stdlib only):

    sys.path.insert(0, "<repo>/bench/lib"); import motel_api
    token = motel_api.login(base)            # MOTEL_ADMIN_EMAIL / _PASSWORD
    motel_api.call(base, "POST", "/api/suites", {"number": "101", "floor": 1}, token)
"""
import json
import os
import urllib.request


def call(base, method, path, body=None, token=None):
    """One JSON request; returns the parsed answer (raises on 4xx/5xx)."""
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def login(base, email=None, password=None):
    """An access token for the bench admin (the first admin the host created)."""
    return call(base, "POST", "/api/auth/login",
                {"email": email or os.environ["MOTEL_ADMIN_EMAIL"],
                 "password": password or os.environ["MOTEL_ADMIN_PASSWORD"]})["accessToken"]
