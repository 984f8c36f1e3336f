"""Prints template.yaml as the SAM transform expands it, as JSON: what CloudFormation would create.

Offline, with the AWS SAM translator that cfn-lint uses (cfn-lint's own wrapper, which gives local
CodeUri paths a stand-in S3 address as `sam package` would). Used by DeployedFeaturesTest.
Usage: python3 expand.py TEMPLATE [Name=Value ...]
"""
import json
import sys

from cfnlint.decode import decode
from cfnlint.template.transforms._sam import Transform

template, errors = decode(sys.argv[1])
if errors:
    sys.exit("cannot read %s: %s" % (sys.argv[1], errors))
transform = Transform(sys.argv[1], template, "us-east-1")
for override in sys.argv[2:]:
    name, _, value = override.partition("=")
    transform._parameters[name] = value
problems = transform.transform_template()
if problems:
    sys.exit("\n".join(str(problem) for problem in problems))
json.dump(transform.template(), sys.stdout, indent=1, default=str)
