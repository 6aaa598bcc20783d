/**
 * @generated SignedSource<<fed61a8d9400c0dbc0f7728ba80d0a16>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type TaskRunStatus = "CANCELLED" | "COMPLETED" | "FAILED" | "PENDING" | "RUNNING" | "UNKNOWN" | "%future added value";
export type operationsRunStatusSubscription$variables = {
  runId: string;
};
export type operationsRunStatusSubscription$data = {
  readonly runStatus: {
    readonly id: string;
    readonly isTerminal: boolean;
    readonly status: TaskRunStatus;
  };
};
export type operationsRunStatusSubscription = {
  response: operationsRunStatusSubscription$data;
  variables: operationsRunStatusSubscription$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "runId"
  }
],
v1 = [
  {
    "alias": null,
    "args": [
      {
        "kind": "Variable",
        "name": "runId",
        "variableName": "runId"
      }
    ],
    "concreteType": "TaskRun",
    "kind": "LinkedField",
    "name": "runStatus",
    "plural": false,
    "selections": [
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "id",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "status",
        "storageKey": null
      },
      {
        "alias": null,
        "args": null,
        "kind": "ScalarField",
        "name": "isTerminal",
        "storageKey": null
      }
    ],
    "storageKey": null
  }
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "operationsRunStatusSubscription",
    "selections": (v1/*:: as any*/),
    "type": "Subscription",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "operationsRunStatusSubscription",
    "selections": (v1/*:: as any*/)
  },
  "params": {
    "cacheID": "d9c1c4aefc28634baddc6b25fabb5af7",
    "id": null,
    "metadata": {},
    "name": "operationsRunStatusSubscription",
    "operationKind": "subscription",
    "text": "subscription operationsRunStatusSubscription(\n  $runId: ID!\n) {\n  runStatus(runId: $runId) {\n    id\n    status\n    isTerminal\n  }\n}\n"
  }
};
})();

(node as any).hash = "af3931c7c52872aa22752519a79e13f3";

export default node;
