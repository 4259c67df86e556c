-- The public's objections: each filing's address (for the limit per address, counted here so that it holds
-- across several instances), the proofs of work already spent, and the key that signs the challenges.

-- One row per objection filed by the public; rows older than the limit's hour are removed as filings come in.
create table objection_filing (
    id        bigserial primary key,
    address   text        not null check (length(address) <= 64),
    filed_at  timestamptz not null
);
create index objection_filing_address on objection_filing (address, filed_at);
create index objection_filing_time on objection_filing (filed_at);

-- A challenge answered once cannot be answered again; kept while the challenge is valid.
create table objection_proof_spent (
    challenge_hash text        primary key,
    spent_at       timestamptz not null
);
create index objection_proof_spent_time on objection_proof_spent (spent_at);

-- The key that signs challenges, shared by every instance. gen_random_uuid draws from a strong source:
-- two of them give 244 random bits.
create table objection_challenge_key (
    id     int   primary key check (id = 1),
    secret bytea not null
);
insert into objection_challenge_key (id, secret)
values (1, decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'));
