// The graphql-http audit (npm graphql-http's serverAudits) of a served GraphQL endpoint.
// Usage: node graphql_http_audit.mjs URL; prints one JSON line per audit: id, name, status, reason.
import { auditServer } from 'graphql-http';

const results = await auditServer({ url: process.argv[2] });
for (const result of results) {
  const { id, name, status } = result;
  console.log(JSON.stringify({ id, name, status, reason: result.reason ?? null }));
}
