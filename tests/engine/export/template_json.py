"""Prints a CloudFormation YAML template as JSON, its short-form tags (!Ref,
!GetAtt, !Sub, …) in their long form, for the export tests."""
import json
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


def tagged(loader, suffix, node):
    name = suffix if suffix in ("Ref", "Condition") else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
        return {name: value}
    if isinstance(node, yaml.SequenceNode):
        return {name: loader.construct_sequence(node, deep=True)}
    return {name: loader.construct_mapping(node, deep=True)}


Loader.add_multi_constructor("!", tagged)
json.dump(yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=Loader), sys.stdout)
