-- How long the platform took to save and store a run's artifact, and to load it back for the
-- check that it predicts like the trained model (JSON: artifactSaveSeconds, artifactLoadSeconds).
alter table training_run add column timings text;
