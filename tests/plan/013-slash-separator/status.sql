-- db Archive.2023
INSERT INTO status VALUES(5,'S',0,'');
