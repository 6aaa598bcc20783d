/**
 * What graphiql-explorer (the query builder behind @graphiql/plugin-explorer,
 * a CommonJS package) takes from graphql. Its `require('graphql')` would make
 * esbuild bundle graphql's CommonJS build for every module, whole: 180 KB
 * more script than the tree-shaken ES build the rest of the page imports.
 * graphiql/build.ts sends that one `require` here.
 */
export {
  GraphQLObjectType, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isLeafType, isNonNullType,
  isObjectType, isRequiredInputField, isScalarType, isUnionType, isWrappingType, parse, parseType, print, visit,
} from 'graphql';
