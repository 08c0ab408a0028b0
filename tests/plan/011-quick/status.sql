-- db INBOX
INSERT INTO status VALUES(1,'S',0,'');
-- db Sent
INSERT INTO status VALUES(1,'S',0,'');
