-- db INBOX
INSERT INTO status VALUES(1,'S',0,'');
INSERT INTO status VALUES(2,'F',0,'');
-- validity Remote INBOX 1000
-- validity Local INBOX 42
