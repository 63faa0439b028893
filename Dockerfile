# syntax=docker/dockerfile:1.7
# infra-bot: the GitHub App server with a pinned Terraform and a pinned OpenTofu (a repository picks one with
# `terraform.binary: terraform | tofu`). Node 24 LTS, non-root, data on a volume.

ARG NODE_VERSION=24.21.0
# Must equal the file terraform-version (test/unit/repo/tool-versions.test.ts checks it).
ARG TERRAFORM_VERSION=1.16.5
# Must equal the file opentofu-version.
ARG OPENTOFU_VERSION=1.12.6
# HashiCorp's release signing key (https://www.hashicorp.com/trust/security): the download is trusted only if
# SHA256SUMS carries a valid signature whose primary key is this one (gpg's VALIDSIG) and the zip matches it.
ARG HASHICORP_KEY_FINGERPRINT=C874011F0AB405110D02105534365D9472D7468F
# OpenTofu's release signing key (https://get.opentofu.org/opentofu.asc), same rule for tofu_*_SHA256SUMS.
ARG OPENTOFU_KEY_FINGERPRINT=E3E6E43D84CB852EADB0051D0C0AF313E5FD9F80

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json ./
COPY src ./src
COPY bin ./bin
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM debian:bookworm-slim AS terraform
ARG TERRAFORM_VERSION
ARG HASHICORP_KEY_FINGERPRINT
ARG TARGETARCH=amd64
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl gnupg unzip && rm -rf /var/lib/apt/lists/*
WORKDIR /tf
RUN set -eux; \
    base="https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}"; \
    zip="terraform_${TERRAFORM_VERSION}_linux_${TARGETARCH}.zip"; \
    curl -fsSLO "$base/$zip"; \
    curl -fsSLO "$base/terraform_${TERRAFORM_VERSION}_SHA256SUMS"; \
    curl -fsSLO "$base/terraform_${TERRAFORM_VERSION}_SHA256SUMS.sig"; \
    curl -fsSL https://www.hashicorp.com/.well-known/pgp-key.txt | gpg --batch --import; \
    gpg --batch --with-colons --fingerprint | grep -q "^fpr:::::::::${HASHICORP_KEY_FINGERPRINT}:"; \
    gpg --batch --status-fd 1 --verify "terraform_${TERRAFORM_VERSION}_SHA256SUMS.sig" "terraform_${TERRAFORM_VERSION}_SHA256SUMS" \
      | grep -Eq "^\[GNUPG:\] VALIDSIG .* ${HASHICORP_KEY_FINGERPRINT}\$"; \
    grep " $zip\$" "terraform_${TERRAFORM_VERSION}_SHA256SUMS" | sha256sum -c -; \
    unzip "$zip" terraform; \
    ./terraform version

FROM debian:bookworm-slim AS opentofu
ARG OPENTOFU_VERSION
ARG OPENTOFU_KEY_FINGERPRINT
ARG TARGETARCH=amd64
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl gnupg unzip && rm -rf /var/lib/apt/lists/*
WORKDIR /tofu
RUN set -eux; \
    base="https://github.com/opentofu/opentofu/releases/download/v${OPENTOFU_VERSION}"; \
    zip="tofu_${OPENTOFU_VERSION}_linux_${TARGETARCH}.zip"; \
    curl -fsSLO "$base/$zip"; \
    curl -fsSLO "$base/tofu_${OPENTOFU_VERSION}_SHA256SUMS"; \
    curl -fsSLO "$base/tofu_${OPENTOFU_VERSION}_SHA256SUMS.gpgsig"; \
    curl -fsSL https://get.opentofu.org/opentofu.asc | gpg --batch --import; \
    gpg --batch --with-colons --fingerprint | grep -q "^fpr:::::::::${OPENTOFU_KEY_FINGERPRINT}:"; \
    gpg --batch --status-fd 1 --verify "tofu_${OPENTOFU_VERSION}_SHA256SUMS.gpgsig" "tofu_${OPENTOFU_VERSION}_SHA256SUMS" \
      | grep -Eq "^\[GNUPG:\] VALIDSIG .* ${OPENTOFU_KEY_FINGERPRINT}\$"; \
    grep " $zip\$" "tofu_${OPENTOFU_VERSION}_SHA256SUMS" | sha256sum -c -; \
    unzip "$zip" tofu; \
    ./tofu version

# Without APP_ID the server starts in set-up mode and writes the registered app's credentials to /data/.env (DATA_DIR
# is the only writable place for this user); /healthz answers in set-up mode too, so HEALTHCHECK passes meanwhile.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    TF_IN_AUTOMATION=1 \
    TF_PLUGIN_CACHE_DIR=/data/plugin-cache \
    PORT=3000 \
    HOST=0.0.0.0
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates git tini && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 infrabot && useradd --system --uid 10001 --gid infrabot --home /data infrabot \
    && mkdir -p /data && chown infrabot:infrabot /data
COPY --from=terraform /tf/terraform /usr/local/bin/terraform
COPY --from=opentofu /tofu/tofu /usr/local/bin/tofu
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY --from=build /app/bin ./bin
COPY package.json app.yml ./
USER infrabot
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "lib/main.js"]
