\set ON_ERROR_STOP 1
\timing on
-- Registry records in rough proportion to the seed (a bloc of 82 organizations concluded ~1.100 member inspections
-- and a few hundred supervisions in a half-term): ~8 cases per grassroots organization over the term, two subjects each.
CREATE TEMP TABLE g AS
SELECT o.id AS org, n, (abs(hashtext(o.id::text || n)) % 1700) AS d
FROM organizations o CROSS JOIN generate_series(1, 8) n
WHERE o.level IN ('grassrootsCommittee', 'grassrootsCell', 'district', 'bloc');
INSERT INTO inspection_cases (id, program_id, actor_organization_id, actor, kind, title, planned_start, planned_end,
  started_on, concluded_on, conclusion_number, conclusion, created_at)
SELECT gen_random_uuid(), NULL, g.org, CASE WHEN g.n % 3 = 0 THEN 'commission' ELSE 'committee' END,
  (ARRAY['regularInspection','signsOfViolation','regularSupervision','thematicSupervision','partyDues','finance'])[1 + g.n % 6],
  'Kiểm tra ' || g.n, to_char(date '2020-08-01' + g.d, 'YYYY-MM-DD'), to_char(date '2020-08-01' + g.d + 60, 'YYYY-MM-DD'),
  to_char(date '2020-08-01' + g.d + 5, 'YYYY-MM-DD'),
  CASE WHEN g.n % 5 = 0 THEN NULL ELSE to_char(date '2020-08-01' + g.d + 50, 'YYYY-MM-DD') END,
  g.n || '-TB', '', now() - (g.d || ' minutes')::interval
FROM g;
INSERT INTO inspection_subjects (id, case_id, position, member_id, organization_id, is_committee_member, violation, discipline_required, referred)
SELECT gen_random_uuid(), c.id, 0, NULL, c.actor_organization_id, false, (abs(hashtext(c.id::text)) % 4 = 0), false, false
FROM inspection_cases c;
INSERT INTO inspection_subjects (id, case_id, position, member_id, organization_id, is_committee_member, violation, discipline_required, referred)
SELECT gen_random_uuid(), c.id, 1, gen_random_uuid(), c.actor_organization_id, false, (abs(hashtext(c.id::text)) % 5 = 0),
  (abs(hashtext(c.id::text)) % 10 = 0), false
FROM inspection_cases c;
INSERT INTO inspection_requirements (id, case_id, organization_id, text, due_date, done_on, follow_up, created_at)
SELECT gen_random_uuid(), c.id, c.actor_organization_id, 'Khắc phục', to_char(to_date(c.concluded_on, 'YYYY-MM-DD') + 90, 'YYYY-MM-DD'),
  CASE WHEN abs(hashtext(c.id::text)) % 5 = 0 THEN NULL ELSE c.concluded_on END, '', c.created_at
FROM inspection_cases c WHERE c.concluded_on IS NOT NULL;
INSERT INTO denunciations (id, subject_kind, member_id, organization_id, handler_organization_id, actor, received_on, denouncer,
  content, concluded_on, outcome, violation, discipline_required, conclusion_number, created_at)
SELECT gen_random_uuid(), 'member', gen_random_uuid(), g.org, g.org, CASE WHEN g.n % 2 = 0 THEN 'commission' ELSE 'committee' END,
  to_char(date '2020-08-01' + g.d, 'YYYY-MM-DD'), 'Đơn', '', to_char(date '2020-08-01' + g.d + 30, 'YYYY-MM-DD'),
  (ARRAY['founded','partlyFounded','unfounded'])[1 + g.n % 3], g.n % 3 <> 2, g.n % 6 = 0, g.n || '-TB', now()
FROM g WHERE g.n <= 2;
ANALYZE;
SELECT (SELECT COUNT(*) FROM organizations) AS orgs, (SELECT COUNT(*) FROM inspection_cases) AS cases,
       (SELECT COUNT(*) FROM inspection_subjects) AS subjects, (SELECT COUNT(*) FROM inspection_requirements) AS reqs,
       (SELECT COUNT(*) FROM denunciations) AS denunciations;
