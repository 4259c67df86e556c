-- Roles for Jingzhun on an external PostgreSQL (15 or later). Run with psql as a superuser, once, before the first
-- start, after replacing the two passwords:
--     psql -U postgres -f docs/database-roles.sql
-- Then start Jingzhun with
--     SPRING_DATASOURCE_URL=jdbc:postgresql://<host>:5432/jingzhun
--     SPRING_DATASOURCE_USERNAME=jingzhun_app    SPRING_DATASOURCE_PASSWORD=<application password>
--     SPRING_FLYWAY_USER=jingzhun_owner          SPRING_FLYWAY_PASSWORD=<owner password>
-- The migrations run as jingzhun_owner and grant jingzhun_app what it needs (migration V22, on the pool's user):
-- rows of every table, but only INSERT and SELECT on audit_event, and ANALYZE through maintenance_analyze().
--
-- A database that was migrated as a single user: give its objects to the owner first, as that user or a superuser,
--     REASSIGN OWNED BY <old user> TO jingzhun_owner;
-- (for the bootstrap superuser, which REASSIGN refuses, ALTER ... OWNER TO each table, sequence and function).

-- The owner of the schema: runs the migrations. Not a superuser.
CREATE ROLE jingzhun_owner LOGIN PASSWORD 'change-me-owner'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
-- The application's pool: owns nothing, may only read and write rows.
CREATE ROLE jingzhun_app LOGIN PASSWORD 'change-me-application'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
CREATE DATABASE jingzhun OWNER jingzhun_owner ENCODING 'UTF8' TEMPLATE template0;

\connect jingzhun
REVOKE ALL ON DATABASE jingzhun FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE jingzhun TO jingzhun_app;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
