-- "Let the platform choose": what an automatic training run tried.
alter table training_run add column search text; -- JSON: the candidates an automatic run tried, with their primary metric
