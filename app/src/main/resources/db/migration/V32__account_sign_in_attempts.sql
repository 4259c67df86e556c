-- Sign-in attempts, by the login typed (known or not, so that a refusal tells nothing about which logins exist)
-- and the address they came from: the lock per login and address, and the slowdown per login across addresses.

-- Every attempt whose password was checked is written here before the check and taken back if it succeeded,
-- so that attempts at the same moment from many addresses or instances are all counted. Kept a day.
create table sign_in_failure (
    id        bigserial primary key,
    login     text        not null check (length(login) <= 200),
    address   text        not null check (length(address) <= 64),
    failed_at timestamptz not null
);
create index sign_in_failure_login on sign_in_failure (login, failed_at);
create index sign_in_failure_address on sign_in_failure (login, address, failed_at);
create index sign_in_failure_time on sign_in_failure (failed_at);

-- Addresses a login signed in from: the slowdown across addresses does not apply there, so that an attacker
-- elsewhere cannot keep the user out at the user's own address. Kept 90 days after the last success.
create table sign_in_known_address (
    login           text        not null check (length(login) <= 200),
    address         text        not null check (length(address) <= 64),
    last_success_at timestamptz not null,
    primary key (login, address)
);
create index sign_in_known_address_time on sign_in_known_address (last_success_at);
