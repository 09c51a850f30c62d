-- Where a running report stands ("step 3 of 7: Kubelet certificates"), for the pages.
ALTER TABLE report ADD COLUMN progress VARCHAR(500);
