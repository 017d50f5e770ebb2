"""Validates GraphQL documents with graphql-core, the Python port of graphql-js (the reference implementation).

Usage: graphql_core_validate.py SCHEMA DOCUMENT...

Prints one JSON object: {"documents": [{"path", "accepted", "errors": [{"message", "line", "column"}]}]}, each
document validated on its own against the schema with every specified rule. An error without a location (none of
the specified rules makes one) has line and column null. A document that does not parse is rejected with the
syntax error.
"""

import json
import sys

from graphql import GraphQLError, build_schema, parse, validate


def first_location(error: GraphQLError):
    if not error.locations:
        return None, None
    location = error.locations[0]
    return location.line, location.column


def validate_document(schema, path: str) -> dict:
    with open(path, encoding="utf-8") as file:
        source = file.read()
    try:
        errors = validate(schema, parse(source))
    except GraphQLError as syntax_error:
        errors = [syntax_error]
    described = []
    for error in errors:
        line, column = first_location(error)
        described.append({"message": error.message, "line": line, "column": column})
    return {"path": path, "accepted": not errors, "errors": described}


def main(arguments: list) -> int:
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema_path, *document_paths = arguments
    with open(schema_path, encoding="utf-8") as file:
        schema = build_schema(file.read())
    documents = [validate_document(schema, path) for path in document_paths]
    json.dump({"documents": documents}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
