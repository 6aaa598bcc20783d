/**
 * The operations the Relay test runs, as a Relay app writes them. The
 * compiler (`relay.config.json`) turns each `graphql` template into an
 * artifact in `__generated__/`; without babel-plugin-relay the test imports
 * the artifacts directly, and this file is only the compiler's source.
 */
const graphql = (strings: TemplateStringsArray) => strings.join('');

export const tasksQuery = graphql`
  query operationsTasksQuery($first: Int!) {
    tasks(first: $first) {
      edges { cursor node { id name type } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const nodeQuery = graphql`
  query operationsNodeQuery($id: ID!) {
    node(id: $id) { __typename id ... on Task { name } }
  }
`;

export const runStatusSubscription = graphql`
  subscription operationsRunStatusSubscription($runId: ID!) {
    runStatus(runId: $runId) { id status isTerminal }
  }
`;
