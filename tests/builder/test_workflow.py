"""The Pages workflow: the job that runs lesson code cannot deploy."""

import yaml

from builder.paths import ROOT

DEPLOY_PERMISSIONS = {"pages", "id-token"}


def test_the_build_job_has_no_deploy_permissions_and_a_separate_job_deploys():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert not DEPLOY_PERMISSIONS & set(workflow.get("permissions") or {})
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert not DEPLOY_PERMISSIONS & set(build["permissions"])
    assert any("make build" in step.get("run", "") for step in build["steps"])
    assert deploy["needs"] == "build" and set(deploy["permissions"]) == DEPLOY_PERMISSIONS
    assert not any("run" in step or "actions/checkout" in step.get("uses", "") for step in deploy["steps"])
