"""Lists every Ref, GetAtt and Fn::Sub variable of a CloudFormation template
(JSON) that names no resource, parameter or pseudo parameter; exits 1 when
there is one. The export tests run it on what `serverless package` makes."""
import json
import re
import sys

template = json.load(open(sys.argv[1], encoding="utf-8"))
known = set(template.get("Resources", {})) | set(template.get("Parameters", {})) | {
    "AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::StackId", "AWS::Partition", "AWS::URLSuffix",
    "AWS::NoValue"}
unresolved = []


def walk(value, where):
    if isinstance(value, dict):
        if len(value) == 1 and "Ref" in value and value["Ref"] not in known:
            unresolved.append(f"{where}: Ref {value['Ref']}")
        if len(value) == 1 and "Fn::GetAtt" in value:
            target = value["Fn::GetAtt"]
            target = target.split(".")[0] if isinstance(target, str) else target[0]
            if target not in known:
                unresolved.append(f"{where}: GetAtt {target}")
        if len(value) == 1 and "Fn::Sub" in value:
            sub = value["Fn::Sub"]
            text, variables = (sub, {}) if isinstance(sub, str) else (sub[0], sub[1])
            for name in re.findall(r"\$\{([^!}][^}]*)\}", text):
                if name.split(".")[0] not in known and name not in variables:
                    unresolved.append(f"{where}: Sub ${{{name}}}")
        for key, item in value.items():
            walk(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            walk(item, f"{where}[{index}]")


walk(template, "")
print("\n".join(unresolved))
sys.exit(1 if unresolved else 0)
