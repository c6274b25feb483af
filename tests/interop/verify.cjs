// A second opinion for Pont's tests: @sd-jwt/sd-jwt-vc (OpenWallet Foundation) verifies
// SD-JWT VC presentations. Reads {"cases": [...]} as JSON on stdin, prints one result per case.
//
// case: {name, sd_jwt, issuer_jwk (null: the credential's own cnf key, as for Pont's
//        self-issued packets), audience, nonce, now, status_lists: {uri: token}}
// result: {name, ok, error, payload, kb}
//
// Gaps of the library that this script closes itself, as its documentation asks callers to:
// the KB-JWT audience (it checks only the nonce). It does not check the header typ either;
// the script reports it so the Python side can compare.
"use strict";

const crypto = require("node:crypto");
const { SDJwtVcInstance } = require("@sd-jwt/sd-jwt-vc");
const { digest } = require("@sd-jwt/crypto-nodejs");

function verifierFor(jwk) {
  const key = crypto.createPublicKey({ key: jwk, format: "jwk" });
  return async (data, signature) => {
    const raw = Buffer.from(signature, "base64url");
    if (jwk.kty === "OKP") return crypto.verify(null, Buffer.from(data), key, raw);
    return crypto.verify("sha256", Buffer.from(data), { key, dsaEncoding: "ieee-p1363" }, raw);
  };
}

function payloadOf(compact) {
  return JSON.parse(Buffer.from(compact.split("~")[0].split(".")[1], "base64url").toString());
}

async function check(item) {
  const payload = payloadOf(item.sd_jwt);
  const issuerJwk = item.issuer_jwk || payload.cnf.jwk;
  const lists = item.status_lists || {};
  const sdjwt = new SDJwtVcInstance({
    hasher: digest,
    hashAlg: "sha-256",
    verifier: verifierFor(issuerJwk),
    kbVerifier: async (data, signature, claims) => verifierFor(claims.cnf.jwk)(data, signature),
    statusListFetcher: async (uri) => {
      if (!(uri in lists)) throw new Error(`no status list for ${uri}`);
      return lists[uri];
    },
    statusVerifier: verifierFor(issuerJwk),
  });
  const result = await sdjwt.verify(item.sd_jwt, {
    keyBindingNonce: item.nonce,
    currentDate: item.now,
  });
  if (!result.kb) throw new Error("no key binding verified");
  if (result.kb.payload.aud !== item.audience) throw new Error("KB-JWT audience mismatch");
  return { payload: result.payload, kb: result.kb.payload, typ: result.header.typ };
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const job = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = [];
  for (const item of job.cases) {
    try {
      const verified = await check(item);
      results.push({ name: item.name, ok: true, error: null, ...verified });
    } catch (error) {
      results.push({ name: item.name, ok: false, error: String(error && error.message) });
    }
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack) + "\n");
  process.exit(2);
});
