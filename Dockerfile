# syntax=docker/dockerfile:1
# Multi-stage build of the Arize tasks gateway. The default (last) stage is the
# gateway alone: production dependencies and compiled JavaScript, non-root, no
# emulator. The `emulator` stage builds the local Arize emulator for compose.
# Node 24 LTS, pinned by minor (24.22); update the four FROM lines together.
# (Development and CI also run Node 20: see README, "Requirements".)

FROM node:24.22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json tsconfig.emulator.json ./
COPY src ./src
COPY emulator ./emulator
COPY graphiql ./graphiql
RUN npm run build

FROM node:24.22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# The emulator imports no package (node: built-ins, its own files, the
# gateway's wire values, configuration parsers and port-in-use line), so its image carries no
# node_modules.
FROM node:24.22-bookworm-slim AS emulator
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/dist/emulator ./dist/emulator
COPY --from=build --chown=node:node /app/dist/src/upstream/wire-values.js ./dist/src/upstream/wire-values.js
COPY --from=build --chown=node:node /app/dist/src/config/parsers.js ./dist/src/config/parsers.js
COPY --from=build --chown=node:node /app/dist/src/config/table.js ./dist/src/config/table.js
COPY --from=build --chown=node:node /app/dist/src/config/port-in-use.js ./dist/src/config/port-in-use.js
# "type": "module": the compiled files are ES modules
COPY --chown=node:node package.json ./
USER node
EXPOSE 4010
CMD ["node", "dist/emulator/main.js"]

FROM node:24.22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist/src ./dist/src
# GraphiQL's bundle (served when GRAPHIQL=true)
COPY --from=build --chown=node:node /app/dist/graphiql ./dist/graphiql
COPY --chown=node:node package.json ./
# GraphiQL's tabs: one per example operation (src/plugins/use-graphiql.ts reads them at run time)
COPY --chown=node:node examples/operations ./examples/operations
# the default trusted-documents manifest (PERSISTED_OPERATIONS=allow|only); mount your own and set PERSISTED_OPERATIONS_MANIFEST
COPY --chown=node:node examples/generated/persisted-documents.json ./examples/generated/persisted-documents.json
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM reaches node directly (exec form): in-flight requests finish, sockets close with 1001.
CMD ["node", "dist/src/main.js"]
