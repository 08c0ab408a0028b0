-- db INBOX
INSERT INTO status VALUES(1,'S',0,'');
