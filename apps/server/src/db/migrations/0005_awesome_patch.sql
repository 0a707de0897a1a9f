ALTER TABLE "vulnerabilities" DROP CONSTRAINT "vulnerabilities_duplicate_of_id_vulnerabilities_id_fk";
