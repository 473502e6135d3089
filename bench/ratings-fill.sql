\set ON_ERROR_STOP 1
\timing on
-- Yearly ratings in the seed's proportions for 2024 and 2025: every member placed on 31 December (about 1,5% not
-- rated, with a reason; of the rated ~18% excellent, ~77% good, ~4,5% completed, the rest not completed), every
-- grassroots organization and its executive committee, its secretary. Run after `dangbo bench generate`.
INSERT INTO quality_ratings (id, year, year_end, subject, subject_key, organization_id, member_id, collective, title, grade,
  not_rated_reason, case_disunity, case_under_half_targets, case_main_targets_missed, case_collective_disciplined,
  case_member_disciplined, case_other, created_at, updated_at)
SELECT gen_random_uuid(), y.year, y.year || '-12-31', 'member', 'member:' || upper(a.member_id::text), a.organization_id, a.member_id,
  NULL, NULL,
  CASE WHEN h < 15 THEN NULL WHEN h < 192 THEN 'excellent' WHEN h < 950 THEN 'good' WHEN h < 995 THEN 'completed' ELSE 'notCompleted' END,
  CASE WHEN h < 15 THEN 'Nghỉ ốm dài ngày' ELSE '' END, false, false, false, false, false, false, now(), now()
FROM (VALUES (2024), (2025)) y(year)
JOIN member_assignments a ON a.valid_from <= y.year || '-12-31' AND (a.valid_to IS NULL OR a.valid_to > y.year || '-12-31')
CROSS JOIN LATERAL (SELECT abs(hashtext(a.member_id::text || y.year)) % 1000 AS h) r;
INSERT INTO quality_ratings (id, year, year_end, subject, subject_key, organization_id, member_id, collective, title, grade,
  not_rated_reason, case_disunity, case_under_half_targets, case_main_targets_missed, case_collective_disciplined,
  case_member_disciplined, case_other, created_at, updated_at)
SELECT gen_random_uuid(), y.year, y.year || '-12-31', k.subject,
  k.subject || ':' || upper(o.id::text) || CASE WHEN k.subject = 'collective' THEN ':executiveCommittee' ELSE '' END,
  o.id, NULL, CASE WHEN k.subject = 'collective' THEN 'executiveCommittee' END, NULL,
  (ARRAY['excellent','good','good','good','completed'])[1 + abs(hashtext(o.id::text || y.year || k.subject)) % 5], '',
  false, false, false, false, false, false, now(), now()
FROM organizations o CROSS JOIN (VALUES (2024), (2025)) y(year) CROSS JOIN (VALUES ('organization'), ('collective')) k(subject)
WHERE o.level IN ('grassrootsCommittee', 'grassrootsCell');
ANALYZE quality_ratings;
SELECT year, subject, COUNT(*) FROM quality_ratings GROUP BY 1, 2 ORDER BY 1, 2;
