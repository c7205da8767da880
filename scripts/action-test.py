#!/usr/bin/env python3
"""The ctest dist.github_action: checks action.yml and runs it the way a GitHub runner runs a
composite action, without the runner and without network.

Structure: a composite action; every input used somewhere; every `run:` step has `shell:`; no
`${{` inside a `run:` body (inputs reach the scripts through `env:` only: script injection);
the outputs name steps that exist; the SARIF upload is github/codeql-action/upload-sarif with
`if: always()...` and category oci-lint.

Execution: its `run:` steps in order with `bash --noprofile --norc -eo pipefail {0}` (the
runner's bash), `env:` evaluated from `with:` and the defaults, GITHUB_ACTION_PATH,
GITHUB_OUTPUT, GITHUB_WORKSPACE, RUNNER_TEMP, steps' outputs; `uses:` steps are skipped. The
install step takes a release tarball made by scripts/release.sh from BUILD_DIR through a
file:// URL and its SHA256, so nothing is compiled or fetched. Checked: the SARIF log is
written, exit-code follows oci-lint's status and fail-on, a wrong SHA256 stops the install, and
a shell command in an input is not run.

Usage: scripts/action-test.py BUILD_DIR
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("SKIP: no python3-yaml")
    sys.exit(77)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def load_action():
    with open(os.path.join(REPO, "action.yml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def check_structure(action):
    runs = action.get("runs") or fail("no runs:")
    if runs.get("using") != "composite":
        fail("runs.using is %r, expected composite" % runs.get("using"))
    steps = runs["steps"]
    ids = {s["id"] for s in steps if "id" in s}
    text = open(os.path.join(REPO, "action.yml"), encoding="utf-8").read()
    for name in action["inputs"]:
        if not re.search(r"inputs\.%s\b" % re.escape(name), text):
            fail("input %s is never used" % name)
    for step in steps:
        if "run" in step:
            if "shell" not in step:
                fail("run step %r has no shell:" % step.get("name"))
            if "${{" in step["run"]:
                fail("run step %r interpolates ${{ }} into its script" % step.get("name"))
            for key, value in (step.get("env") or {}).items():
                for expr in EXPR.findall(str(value)):
                    if not re.fullmatch(r"(inputs|github|runner|steps)\.[\w.-]+", expr):
                        fail("env %s of %r is not a plain context reference: %s"
                             % (key, step.get("name"), expr))
        elif "uses" not in step:
            fail("step %r neither runs nor uses" % step.get("name"))
    for name, out in action["outputs"].items():
        m = re.fullmatch(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}", out["value"])
        if not m or m.group(1) not in ids:
            fail("output %s does not name a step's output: %s" % (name, out["value"]))
    uploads = [s for s in steps if str(s.get("uses", "")).startswith(
        "github/codeql-action/upload-sarif@")]
    if len(uploads) != 1:
        fail("expected one github/codeql-action/upload-sarif step")
    upload = uploads[0]
    if not str(upload.get("if", "")).startswith("always()"):
        fail("the SARIF upload does not run if: always()")
    if upload["with"].get("category") != "oci-lint":
        fail("the SARIF upload's category is not oci-lint")
    if "steps.lint.outputs.sarif-file" not in upload["with"].get("sarif_file", ""):
        fail("the SARIF upload does not upload the lint step's file")


def run_action(action, with_inputs, work):
    """Runs the action's run: steps as the runner would. Returns (failed step id or None,
    the outputs of every step, the action's outputs, the log)."""
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    for k, v in with_inputs.items():
        if k not in inputs:
            fail("test uses unknown input %s" % k)
        inputs[k] = v
    workspace = os.path.join(work, "workspace")
    temp = os.path.join(work, "runner-temp")
    os.makedirs(temp, exist_ok=True)
    contexts = {"github.action_path": REPO, "github.workspace": workspace,
                "runner.temp": temp}
    step_outputs = {}
    log = []

    def evaluate(value):
        def one(m):
            expr = m.group(1)
            if expr.startswith("inputs."):
                return inputs[expr[len("inputs."):]]
            if expr.startswith("steps."):
                _, sid, kind, name = expr.split(".", 3)
                assert kind == "outputs", expr
                return step_outputs.get(sid, {}).get(name, "")
            return contexts[expr]
        return EXPR.sub(one, str(value))

    failed = None
    for index, step in enumerate(action["runs"]["steps"]):
        if "uses" in step:
            continue
        sid = step.get("id", "step%d" % index)
        script = os.path.join(temp, "%s.sh" % sid)
        with open(script, "w", encoding="utf-8") as f:
            f.write(step["run"])
        output_file = os.path.join(temp, "%s.output" % sid)
        open(output_file, "w").close()
        env = {k: v for k, v in os.environ.items()
               if k in ("PATH", "HOME", "LANG", "TMPDIR", "TERM")}
        env.update(GITHUB_ACTION_PATH=REPO, GITHUB_WORKSPACE=workspace,
                   GITHUB_OUTPUT=output_file, RUNNER_TEMP=temp, GITHUB_ACTIONS="true", CI="true")
        env.update({k: evaluate(v) for k, v in (step.get("env") or {}).items()})
        assert step["shell"] == "bash"
        cwd = evaluate(step.get("working-directory", "${{ github.workspace }}"))
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=120)
        log.append("== %s (exit %d)\n%s" % (sid, proc.returncode, proc.stdout))
        outputs = {}
        for line in open(output_file, encoding="utf-8").read().splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                outputs[k] = v
        step_outputs[sid] = outputs
        if proc.returncode != 0:
            failed = sid
            break
    action_outputs = {name: evaluate(o["value"]) for name, o in action["outputs"].items()}
    return failed, step_outputs, action_outputs, "\n".join(log)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    build_dir = os.path.abspath(sys.argv[1])
    if shutil.which("curl") is None:
        print("SKIP: no curl (the action downloads with curl; GitHub's runners have it)")
        return 77
    action = load_action()
    check_structure(action)

    work = tempfile.mkdtemp(prefix="oci-lint-action-test.")
    try:
        dist = os.path.join(work, "dist")
        proc = subprocess.run([os.path.join(REPO, "scripts", "release.sh"), "--build-dir",
                               build_dir, "--out", dist], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            fail("release.sh: " + proc.stdout)
        tarball = [f for f in os.listdir(dist) if f.endswith(".tar.gz")][0]
        tarball = os.path.join(dist, tarball)
        sha = hashlib.sha256(open(tarball, "rb").read()).hexdigest()
        url = "file://" + tarball

        def case(name, inputs, want_failed, want_exit):
            case_dir = os.path.join(work, name)
            workspace = os.path.join(case_dir, "workspace")
            shutil.copytree(os.path.join(REPO, "testdata", "examples"), workspace)
            base = {"release-url": url, "release-sha256": sha}
            base.update(inputs)
            failed, steps, outputs, log = run_action(action, base, case_dir)
            if failed != want_failed:
                fail("%s: failed step %r, expected %r\n%s" % (name, failed, want_failed, log))
            if want_exit is not None and outputs["exit-code"] != str(want_exit):
                fail("%s: exit-code %r, expected %d\n%s"
                     % (name, outputs["exit-code"], want_exit, log))
            return steps, outputs, log, workspace

        # Schema errors: the lint step fails with 1, the SARIF log holds them.
        steps, outputs, log, ws = case("errors", {"paths": "clean.oci.json\nschema-errors.oci.json"},
                                       "lint", 1)
        sarif = outputs["sarif-file"]
        if sarif != os.path.join(ws, "oci-lint.sarif"):
            fail("sarif-file is %r\n%s" % (sarif, log))
        results = json.load(open(sarif))["runs"][0]["results"]
        if sum(r["level"] == "error" for r in results) < 4:
            fail("the SARIF log lacks the schema errors: %s" % results)
        if "schema-errors.oci.json:6:11: error" not in log:
            fail("the text report is not in the log\n" + log)

        # A clean config passes; format github prints workflow commands, output is honoured.
        steps, outputs, log, ws = case("clean", {"paths": "clean.oci.json", "format": "github",
                                                 "output": "reports/lint.sarif",
                                                 "kernel": "5.15", "environment": "none"},
                                       None, 0)
        if outputs["sarif-file"] != os.path.join(ws, "reports", "lint.sarif"):
            fail("output input not honoured: %r" % outputs["sarif-file"])
        json.load(open(outputs["sarif-file"]))

        # fail-on never: findings, but the step passes.
        case("fail-on-never", {"paths": "schema-errors.oci.json", "fail-on": "never"}, None, 0)
        # duplicate-key.oci.json has one warning: it passes with fail-on error, fails with warning.
        _, _, log, _ = case("fail-on-error", {"paths": "duplicate-key.oci.json", "format": "github"},
                            None, 0)
        if "::warning file=duplicate-key.oci.json,line=44" not in log:
            fail("format github: no workflow command in the log\n" + log)
        case("fail-on-warning", {"paths": "duplicate-key.oci.json", "fail-on": "warning",
                                 "format": "none"}, "lint", 1)
        # kernel, environment and runtime reach oci-lint: CAP_AUDIT_WRITE is younger than Linux
        # 2.6.0 (a warning), an environment or runtime that does not exist cannot be read (3).
        case("kernel", {"paths": "clean.oci.json", "kernel": "2.6.0", "fail-on": "warning"},
             "lint", 1)
        _, _, log, _ = case("environment", {"paths": "clean.oci.json",
                                            "environment": "no-such-status"}, "lint", 3)
        if "no-such-status" not in log:
            fail("environment input not passed to oci-lint\n" + log)
        _, _, log, _ = case("runtime", {"paths": "clean.oci.json",
                                        "runtime": "/no-such-runtime"}, "lint", 3)
        if "/no-such-runtime" not in log:
            fail("runtime input not passed to oci-lint\n" + log)
        # A missing file: exit 3.
        case("missing", {"paths": "no-such.json"}, "lint", 3)

        # An input is never run as shell code.
        marker = os.path.join(work, "injected")
        _, outputs, log, _ = case("injection", {"paths": "clean.oci.json $(touch %s) `touch %s`"
                                                % (marker, marker),
                                                "kernel": "$(touch %s)" % marker},
                                  "lint", None)
        if os.path.exists(marker):
            fail("an input was run as shell code")
        if outputs["exit-code"] not in ("2", "3"):
            fail("injection case: exit-code %r\n%s" % (outputs["exit-code"], log))

        # A wrong SHA256 stops the install; nothing is linted.
        case("bad-sha", {"paths": "clean.oci.json", "release-sha256": "0" * 64}, "install", "")

        # The oci-lint input: a binary already there.
        case("local-binary", {"paths": "clean.oci.json", "release-url": "",
                              "oci-lint": os.path.join(build_dir, "oci-lint")}, None, 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("PASS: action.yml's structure, and its run: steps on a file:// release tarball")
    return 0


if __name__ == "__main__":
    sys.exit(main())
