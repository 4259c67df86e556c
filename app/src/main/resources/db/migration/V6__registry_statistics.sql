-- Finer statistics on the village code: with the default, "code like '520523%'" was estimated at 0.01% of
-- the rows and the planner read whole counties for a name search (see RegistryQueryBenchmark).
alter table household alter column village_code set statistics 1000;
alter table member alter column village_code set statistics 1000;
analyze household;
analyze member;
