// The generated operations of this target come from its .graphql files (FGQLCodegenPlugin).
@_exported import FlatfileGraphQL
