-- db INBOX
INSERT INTO status VALUES(2,'S',0,'');
