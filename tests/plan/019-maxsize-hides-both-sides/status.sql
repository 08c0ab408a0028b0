-- db INBOX
INSERT INTO status VALUES(1,'S',0,'');
INSERT INTO status VALUES(2,'S',0,'');
INSERT INTO status VALUES(3,'S',0,'');
