"""The submitter's name, phone and e-mail move from sunny_case to
sunny_case_identity, whose record rules decide who may read them."""


def migrate(cr, version):
    cr.execute("""
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'sunny_case' AND column_name = 'submitter_name'
    """)
    if not cr.fetchone():
        return
    cr.execute("""
        INSERT INTO sunny_case_identity (case_id, name, phone, email, create_uid, create_date, write_uid, write_date)
        SELECT id, submitter_name, submitter_phone, submitter_email, create_uid, create_date, write_uid, write_date
          FROM sunny_case c
         WHERE (submitter_name IS NOT NULL OR submitter_phone IS NOT NULL OR submitter_email IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM sunny_case_identity i WHERE i.case_id = c.id)
    """)
    cr.execute(
        "ALTER TABLE sunny_case DROP COLUMN submitter_name, DROP COLUMN submitter_phone, " "DROP COLUMN submitter_email"
    )
