# The bosun image, built at the repository root:
#   docker build -t ghcr.io/bosun-dev/bosun:0.1.0 .
# deploy/ runs it by that name; test/deploy/deploy.test.ts holds the Deployments' image to the name
# on the line above, and its tag to @bosun/cli's version.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
# The README's install, then the build. corepack fetches the pnpm that package.json pins.
RUN corepack pnpm install --frozen-lockfile && corepack pnpm build
# Then the production dependencies alone, installed afresh: pnpm will not drop the dev ones from
# an existing node_modules without asking, and the root's prepare script (tsc, a dev dependency)
# has nothing left to do.
RUN rm -rf node_modules packages/*/node_modules \
 && corepack pnpm install --prod --frozen-lockfile --ignore-scripts

FROM node:20-bookworm-slim
WORKDIR /app
# Owned by root, so the process cannot change its own code.
COPY --from=build /app /app
# The image's node user, by number: Kubernetes' runAsNonRoot can only check a numeric user.
USER 1000:1000
ENTRYPOINT ["node", "/app/packages/cli/bin/bosun.js"]
